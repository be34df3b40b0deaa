package sdk

import (
	"context"
	"fmt"

	"github.com/streamsaga/streamsaga/saga"
	"github.com/streamsaga/streamsaga/saga/barrier"
)

type action[T Tx] struct {
	fn      ActionFunc[T]
	success Reply
	failure Reply
}

// run answers an action: refused after a compensation, the stored answer if
// the action already ran, otherwise the outcome of fn, which is stored.
func (a action[T]) run(ctx context.Context, tx T, cmd saga.Envelope, rec *barrier.Record) (answer, bool, error) {
	switch {
	case rec.Compensated:
		return answer{Type: string(a.failure), Error: RefusedReason}, false, nil
	case ran(rec):
		return answer{Type: rec.ReplyType, Data: rec.ReplyData, Error: rec.ReplyError}, false, nil
	}
	out, err := a.fn(ctx, tx, cmd)
	if err != nil {
		return answer{}, false, fmt.Errorf("running action %s: %w", cmd.Type, err)
	}
	ans, err := outcomeAnswer(out, a.success, a.failure)
	if err != nil {
		return answer{}, false, err
	}
	rec.Action = barrier.ActionSucceeded
	if out.Failed() {
		rec.Action = barrier.ActionFailed
	}
	rec.ReplyType, rec.ReplyData, rec.ReplyError = ans.Type, ans.Data, ans.Error
	return ans, true, nil
}

func ran(rec *barrier.Record) bool {
	return rec.Action != "" && rec.Action != barrier.ActionNone
}

type compensation[T Tx] struct {
	fn   CompensationFunc[T]
	done Reply
}

// run answers a compensation with done in every case. It undoes the action
// only if it succeeded and was not compensated yet, and marks the step
// compensated so a late action is refused. The done reply echoes the
// command's data.
func (c compensation[T]) run(ctx context.Context, tx T, cmd saga.Envelope, rec *barrier.Record) (answer, bool, error) {
	done := answer{Type: string(c.done), Data: cmd.Data}
	if rec.Compensated {
		return done, false, nil
	}
	if rec.Action == barrier.ActionSucceeded {
		if err := c.fn(ctx, tx, cmd); err != nil {
			return answer{}, false, fmt.Errorf("running compensation %s: %w", cmd.Type, err)
		}
	}
	rec.Compensated = true
	return done, true, nil
}
