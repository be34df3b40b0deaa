package runner

import (
	"context"

	"github.com/streamsaga/streamsaga/saga"
	"github.com/streamsaga/streamsaga/saga/driver"
)

// Resume is the operator's retry of a FAILED or stuck saga (see
// saga.Engine.Resume). who names the operator in the history. It returns
// the saga as saved.
func (r *Runner) Resume(ctx context.Context, id, who string) (*saga.Instance, error) {
	var out *saga.Instance
	env := saga.Envelope{SagaID: id}
	err := r.withConflictRetry(ctx, env, func(ctx context.Context, tx driver.Tx) error {
		inst, def, err := r.load(ctx, tx, id)
		if err != nil {
			return err
		}
		res, err := r.engine.Resume(def, inst, r.now(), who)
		if err != nil {
			return err
		}
		out = inst
		return r.save(ctx, tx, inst, res)
	})
	return out, err
}
