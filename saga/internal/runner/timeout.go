package runner

import (
	"context"
	"fmt"

	"github.com/streamsaga/streamsaga/saga"
	"github.com/streamsaga/streamsaga/saga/driver"
)

// FireDue acts on up to limit sagas whose next deadline has passed — a
// reply is overdue or a retry is due — in one transaction. Sagas held by
// another orchestrator are skipped, so no timer fires twice. It returns how
// many sagas it handled.
func (r *Runner) FireDue(ctx context.Context, limit int) (int, error) {
	var n int
	err := r.cfg.Store.InTx(ctx, func(ctx context.Context, tx driver.Tx) error {
		now := r.now()
		ids, err := tx.ClaimDueSagas(ctx, now, limit)
		if err != nil {
			return err
		}
		n = len(ids)
		var parks []*ParkError
		types := map[string]string{}
		for _, id := range ids {
			err := r.fire(ctx, tx, id, types)
			if p := asPark(err); p != nil {
				parks = append(parks, p)
				continue
			}
			if saga.IsPermanent(err) {
				r.cfg.Logger.WithField("saga_id", id).WithError(err).Error("saga cannot be advanced by its timer; skipped")
				continue
			}
			if err != nil {
				return err
			}
		}
		return r.park(ctx, tx, parks, types)
	})
	return n, err
}

// fire runs the timer of one claimed saga; types learns its type.
func (r *Runner) fire(ctx context.Context, tx driver.Tx, id string, types map[string]string) error {
	inst, def, err := r.load(ctx, tx, id)
	if inst != nil {
		types[id] = inst.Type
	}
	if err != nil {
		return err
	}
	b := r.newBatch()
	before, now := b.obs.snapshot(inst), r.now()
	res, err := r.engine.HandleTimeout(def, inst, now)
	if err != nil {
		return fmt.Errorf("saga %s: %w", id, err)
	}
	// Saved even unchanged: a saga taken up again is due now but may have
	// no step due yet, and saving stores its real next deadline.
	b.add(inst, res, true)
	b.obs.stepsEnded(def, inst, before, nil, res, now)
	if err := r.flush(ctx, tx, b); err != nil {
		return err
	}
	// Held as saved, so that the reply to a resent command finds it
	// current.
	r.hold(ctx, b.changed)
	return nil
}

// FireAllDue calls FireDue until fewer than batch sagas were due.
func (r *Runner) FireAllDue(ctx context.Context, batch int) error {
	for {
		n, err := r.FireDue(ctx, batch)
		if err != nil || n < batch {
			return err
		}
	}
}

// load reads a saga for a change and its definition, validated.
func (r *Runner) load(ctx context.Context, tx driver.Tx, id string) (*saga.Instance, *saga.Definition, error) {
	inst, err := tx.LoadSaga(ctx, id)
	if err != nil {
		return nil, nil, err
	}
	def, err := r.definition(inst)
	if err != nil {
		return inst, nil, err
	}
	return inst, def, nil
}

// save writes the instance if it changed, then its history and messages.
func (r *Runner) save(ctx context.Context, tx driver.Tx, inst *saga.Instance, res saga.Result) error {
	b := r.newBatch()
	b.add(inst, res, res.Changed)
	return r.flush(ctx, tx, b)
}
