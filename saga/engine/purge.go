package engine

import (
	"context"

	"github.com/streamsaga/streamsaga/saga/retention"
)

// PurgeSagas runs one pass of the saga retention now, as the running
// engine does every minute: it deletes the COMPLETED and COMPENSATED sagas
// that finished more than Config.SagaRetention ago with their history, in
// batches of retention.DefaultBatch, counts them in
// streamsaga_sagas_purged_total, logs how many and returns that number.
// FAILED and parked sagas stay. With the retention off it deletes nothing.
func (e *Engine) PurgeSagas(ctx context.Context) (int64, error) {
	if e.cfg.SagaRetention < 0 {
		return 0, nil
	}
	return e.sagaPurge().Run(ctx)
}

// sagaPurge is the saga retention over the engine's store, at its clock.
func (e *Engine) sagaPurge() retention.Purge {
	return retention.Purge{What: "finished sagas", Delete: e.store.PurgeSagas, Keep: e.cfg.SagaRetention,
		Now: e.cfg.Now, Log: e.log, Deleted: e.purged}
}
