package sdk

import (
	"context"
	"fmt"

	"github.com/streamsaga/streamsaga/saga"
	"github.com/streamsaga/streamsaga/saga/barrier"
)

// runMany runs the batch function of a read made of one action's commands,
// each for another saga step, for the commands that need their action run:
// first deliveries whose step neither ran nor was compensated. It returns
// the outcome of each, by position in cmds; nil entries for the others and
// for every command of a read that does not qualify, which run one by one.
func (w *batchWrites[T]) runMany(ctx context.Context, cmds []routed[T], first map[string]bool) ([]*Outcome, error) {
	outcomes := make([]*Outcome, len(cmds))
	a, ok := batchAction(cmds)
	if !ok {
		return outcomes, nil
	}
	var idx []int
	var envs []saga.Envelope
	for i, c := range cmds {
		rec := w.recs[keyOf(c.cmd)]
		if first[c.cmd.MessageID] && !rec.Compensated && !ran(rec) {
			idx = append(idx, i)
			envs = append(envs, c.cmd)
		}
	}
	if len(envs) == 0 {
		return outcomes, nil
	}
	outs, err := a.many(ctx, w.tx, envs)
	if err != nil {
		return nil, &handlerError{op: fmt.Sprintf("running action %s for %d commands", envs[0].Type, len(envs)), err: err}
	}
	if len(outs) != len(envs) {
		return nil, fmt.Errorf("running action %s: %d outcomes for %d commands", envs[0].Type, len(outs), len(envs))
	}
	for j, i := range idx {
		outcomes[i] = &outs[j]
	}
	return outcomes, nil
}

// batchAction returns the action of cmds when it has a batch function and
// cmds are two or more of its commands for distinct saga steps, so that no
// command depends on another's effect on the barrier.
func batchAction[T Tx](cmds []routed[T]) (action[T], bool) {
	if len(cmds) < 2 {
		return action[T]{}, false
	}
	a, ok := cmds[0].step.(action[T])
	if !ok || a.many == nil {
		return action[T]{}, false
	}
	seen := make(map[barrier.Key]bool, len(cmds))
	for _, c := range cmds {
		k := keyOf(c.cmd)
		if c.cmd.Type != cmds[0].cmd.Type || seen[k] {
			return action[T]{}, false
		}
		seen[k] = true
	}
	return a, true
}

// run answers a first delivery of c: with the outcome its batch function
// gave it, or by its step.
func (w *batchWrites[T]) run(ctx context.Context, c routed[T], rec *barrier.Record, out *Outcome) (answer, bool, error) {
	if out == nil {
		return c.step.run(ctx, w.tx, c.cmd, rec)
	}
	return c.step.(action[T]).record(*out, rec)
}

func keyOf(cmd saga.Envelope) barrier.Key {
	return barrier.Key{SagaID: cmd.SagaID, Step: cmd.Step}
}
