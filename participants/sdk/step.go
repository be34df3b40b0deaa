package sdk

import (
	"context"

	"github.com/streamsaga/streamsaga/saga"
	"github.com/streamsaga/streamsaga/saga/barrier"
)

// step answers one registered command.
type step[T Tx] interface {
	// run answers a first delivery of cmd from the locked barrier record,
	// running the service's function if needed. It updates rec and reports
	// whether it changed. An error of the function is a *handlerError.
	run(ctx context.Context, tx T, cmd saga.Envelope, rec *barrier.Record) (answer, bool, error)
	// replay answers a duplicate of cmd from the barrier alone.
	replay(cmd saga.Envelope, rec barrier.Record) answer
	// retry answers cmd when its function failed with reason.
	retry(cmd saga.Envelope, reason string) answer
}

type action[T Tx] struct {
	fn      ActionFunc[T]
	many    BatchActionFunc[T]
	success Reply
	failure Reply
}

// run answers an action: refused after a compensation, the stored answer if
// the action already ran, otherwise the outcome of fn, which is stored.
func (a action[T]) run(ctx context.Context, tx T, cmd saga.Envelope, rec *barrier.Record) (answer, bool, error) {
	switch {
	case rec.Compensated:
		return a.refused(), false, nil
	case ran(*rec):
		return stored(*rec), false, nil
	}
	out, err := a.fn(ctx, tx, cmd)
	if err != nil {
		return answer{}, false, &handlerError{op: "running action " + cmd.Type, err: err}
	}
	return a.record(out, rec)
}

// record answers an action that ran with outcome out and stores the answer
// in rec.
func (a action[T]) record(out Outcome, rec *barrier.Record) (answer, bool, error) {
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

// replay answers a duplicate action with the stored answer if the action
// ran (the answer its first delivery got), the refusal if the step was
// compensated before it ran, and otherwise the retryable failure its first
// delivery got when its function failed.
func (a action[T]) replay(cmd saga.Envelope, rec barrier.Record) answer {
	switch {
	case ran(rec):
		return stored(rec)
	case rec.Compensated:
		return a.refused()
	}
	return a.retry(cmd, ReplayedRetryReason)
}

func (a action[T]) retry(_ saga.Envelope, reason string) answer {
	return answer{Type: string(a.failure), Error: reason, Retryable: true}
}

func (a action[T]) refused() answer {
	return answer{Type: string(a.failure), Error: RefusedReason}
}

func stored(rec barrier.Record) answer {
	return answer{Type: rec.ReplyType, Data: rec.ReplyData, Error: rec.ReplyError}
}

func ran(rec barrier.Record) bool {
	return rec.Action != "" && rec.Action != barrier.ActionNone
}
