package runner

import (
	"context"
	"errors"
	"fmt"

	"github.com/streamsaga/streamsaga/saga"
	"github.com/streamsaga/streamsaga/saga/driver"
)

// ParkError says why a stored saga cannot run on the code at hand: its
// definition version is unknown, or its steps do not match it. Such a saga
// is parked instead of failing every pass.
type ParkError struct {
	SagaID string
	Reason string
}

func (e *ParkError) Error() string { return "saga " + e.SagaID + " parked: " + e.Reason }

// asPark returns the ParkError in err, or nil.
func asPark(err error) *ParkError {
	var p *ParkError
	if errors.As(err, &p) {
		return p
	}
	return nil
}

// definition returns the definition a stored instance runs on, by its
// type and the version it started on, after checking the instance against
// it; a permanent *ParkError when it has none or does not match it.
func (r *Runner) definition(inst *saga.Instance) (*saga.Definition, error) {
	def, err := r.cfg.Registry.GetVersion(inst.Type, max(inst.DefinitionVersion, 1))
	if err != nil {
		reason := fmt.Sprintf("saga type %q version %d is not registered", inst.Type, max(inst.DefinitionVersion, 1))
		return nil, saga.Permanent(&ParkError{SagaID: inst.ID, Reason: reason})
	}
	if err := inst.Validate(def); err != nil {
		return nil, saga.Permanent(&ParkError{SagaID: inst.ID, Reason: err.Error()})
	}
	return def, nil
}

// park sets sagas aside in tx: no timer claims them again until they are
// taken up (UnparkKnown). Each gets a history line, a warning and a count.
func (r *Runner) park(ctx context.Context, tx driver.Tx, parks []*ParkError, types map[string]string) error {
	if len(parks) == 0 {
		return nil
	}
	now := r.now()
	rows := make([]driver.Park, len(parks))
	hist := make(map[string][]saga.HistoryEntry, len(parks))
	b := r.newBatch()
	for i, p := range parks {
		rows[i] = driver.Park{SagaID: p.SagaID, Reason: p.Reason}
		hist[p.SagaID] = []saga.HistoryEntry{{At: now, Kind: saga.HistoryParked, Detail: p.Reason}}
		b.obs.park(types[p.SagaID])
		r.cfg.Logger.WithField("saga_id", p.SagaID).WithField("reason", p.Reason).
			Warn("saga parked: the running code cannot advance it")
	}
	if err := tx.ParkSagas(ctx, rows, now); err != nil {
		return err
	}
	if err := tx.AppendHistories(ctx, hist); err != nil {
		return err
	}
	r.report(ctx, b.obs)
	return nil
}
