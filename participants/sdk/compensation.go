package sdk

import (
	"context"

	"github.com/streamsaga/streamsaga/saga"
	"github.com/streamsaga/streamsaga/saga/barrier"
)

type compensation[T Tx] struct {
	fn   CompensationFunc[T]
	done Reply
}

// run answers a compensation with done in every case. It undoes the action
// only if it succeeded and was not compensated yet, and marks the step
// compensated so a late action is refused. The done reply echoes the
// command's data.
func (c compensation[T]) run(ctx context.Context, tx T, cmd saga.Envelope, rec *barrier.Record) (answer, bool, error) {
	if rec.Compensated {
		return c.doneAnswer(cmd), false, nil
	}
	if rec.Action == barrier.ActionSucceeded {
		if err := c.fn(ctx, tx, cmd); err != nil {
			return answer{}, false, &handlerError{op: "running compensation " + cmd.Type, err: err}
		}
	}
	rec.Compensated = true
	return c.doneAnswer(cmd), true, nil
}

// replay answers a duplicate compensation with done once the step is
// compensated, and otherwise with the retryable answer its first delivery
// got when its function failed.
func (c compensation[T]) replay(cmd saga.Envelope, rec barrier.Record) answer {
	if rec.Compensated {
		return c.doneAnswer(cmd)
	}
	return c.retry(cmd, ReplayedRetryReason)
}

// retry is the done reply carrying a retryable error: the orchestrator sends
// the compensation again and does not count the step as compensated.
func (c compensation[T]) retry(cmd saga.Envelope, reason string) answer {
	ans := c.doneAnswer(cmd)
	ans.Error, ans.Retryable = reason, true
	return ans
}

func (c compensation[T]) doneAnswer(cmd saga.Envelope) answer {
	return answer{Type: string(c.done), Data: cmd.Data}
}
