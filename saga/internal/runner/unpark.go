package runner

import (
	"context"

	"github.com/streamsaga/streamsaga/saga"
	"github.com/streamsaga/streamsaga/saga/driver"
)

// unparkBatch bounds the parked sagas UnparkKnown looks at.
const unparkBatch = 1000

// UnparkKnown takes up the parked sagas that the registered definitions
// now fit: their (type, version) is known and their steps match it. They
// are due at once, so the timer looks at them next. It returns how many
// it took up.
func (r *Runner) UnparkKnown(ctx context.Context) (int, error) {
	var n int
	err := r.cfg.Store.InTx(ctx, func(ctx context.Context, tx driver.Tx) error {
		parked, err := tx.ParkedSagas(ctx, unparkBatch)
		if err != nil {
			return err
		}
		now := r.now()
		var ids []string
		var due []*saga.Instance
		hist := map[string][]saga.HistoryEntry{}
		for _, inst := range parked {
			if _, err := r.definition(inst); err != nil {
				continue
			}
			ids = append(ids, inst.ID)
			due = append(due, inst)
			hist[inst.ID] = []saga.HistoryEntry{{At: now, Kind: saga.HistoryUnparked,
				Detail: "its definition is known again; was parked: " + inst.Parked}}
			r.cfg.Logger.WithField("saga_id", inst.ID).Info("parked saga taken up again")
		}
		n = len(ids)
		if err := tx.UnparkSagas(ctx, ids, now); err != nil {
			return err
		}
		r.noteDue(ctx, due, now)
		return tx.AppendHistories(ctx, hist)
	})
	return n, err
}
