package runner

import (
	"context"

	"github.com/streamsaga/streamsaga/saga"
	"github.com/streamsaga/streamsaga/saga/driver"
)

// StartMany is Start for the sagas of one read, with one insert of the
// instances, one of their history and one of their first commands. Inputs
// whose saga exists already (or repeats an earlier input's id) are no-ops.
func (r *Runner) StartMany(ctx context.Context, tx driver.Tx, sagaType string, ins []saga.StartInput) error {
	return r.startMany(ctx, tx, sagaType, ins, func(ctx context.Context, tx driver.Tx, insts []*saga.Instance) (map[string]bool, error) {
		return tx.CreateSagas(ctx, insts)
	})
}

// StartManyFresh is StartMany for sagas whose ids were just made: they are
// stored without reading anything back (driver.FreshCreator), and an id
// that exists fails the transaction with saga.ErrDuplicate instead of
// being left alone.
func (r *Runner) StartManyFresh(ctx context.Context, tx driver.Tx, sagaType string, ins []saga.StartInput) error {
	return r.startMany(ctx, tx, sagaType, ins, createFresh)
}

// createFresh is the createFunc of StartManyFresh: every instance is
// created, or it fails with saga.ErrDuplicate.
func createFresh(ctx context.Context, tx driver.Tx, insts []*saga.Instance) (map[string]bool, error) {
	var err error
	if fc, ok := tx.(driver.FreshCreator); ok {
		err = fc.CreateFreshSagas(ctx, insts)
	} else {
		err = driver.CreateAllSagas(ctx, tx, insts)
	}
	if err != nil {
		return nil, err
	}
	all := make(map[string]bool, len(insts))
	for _, in := range insts {
		all[in.ID] = true
	}
	return all, nil
}

// createFunc stores new instances and returns the ids it created.
type createFunc func(ctx context.Context, tx driver.Tx, insts []*saga.Instance) (map[string]bool, error)

// startMany is StartMany with the instances stored by create.
func (r *Runner) startMany(ctx context.Context, tx driver.Tx, sagaType string, ins []saga.StartInput, create createFunc) error {
	def, err := r.cfg.Registry.Get(sagaType)
	if err != nil {
		return saga.Permanent(err)
	}
	now := r.now()
	seen := map[string]bool{}
	var insts []*saga.Instance
	results := map[string]saga.Result{}
	for _, in := range ins {
		if seen[in.ID] {
			continue
		}
		seen[in.ID] = true
		in.Now = now
		inst, res, err := r.engine.Start(def, in)
		if err != nil {
			return saga.Permanent(err)
		}
		insts, results[inst.ID] = append(insts, inst), res
	}
	created, err := create(ctx, tx, insts)
	if err != nil {
		return err
	}
	b := r.newBatch()
	var fresh []*saga.Instance
	for _, inst := range insts {
		if created[inst.ID] {
			b.obs.start(inst)
			b.add(inst, results[inst.ID], false)
			fresh = append(fresh, inst)
		}
	}
	r.noteDeadlines(ctx, fresh)
	if err := r.flush(ctx, tx, b); err != nil {
		return err
	}
	r.hold(ctx, fresh)
	return nil
}
