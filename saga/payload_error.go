package saga

import (
	"errors"
	"fmt"
)

// PayloadError reports a command whose data its payload builder could not
// build. When the builder's error is permanent (IsPermanent), sending the
// command again cannot help: a step whose action cannot be built fails at
// once, without retries, and the steps before it are compensated; a
// compensation that cannot be built leaves the saga FAILED for an
// operator. The saga's first command is the exception: Engine.Start
// returns the error and no saga starts.
type PayloadError struct {
	SagaID  string
	Step    string
	Command string
	Err     error
}

func (e *PayloadError) Error() string { return "saga " + e.SagaID + " " + e.Reason() }

func (e *PayloadError) Unwrap() error { return e.Err }

// Reason is the error without the saga's id: the step, the command and
// why its data could not be built.
func (e *PayloadError) Reason() string {
	detail := e.Err.Error()
	if p := (*PermanentError)(nil); errors.As(e.Err, &p) && p == e.Err {
		detail = p.Err.Error()
	}
	return fmt.Sprintf("step %s: building %s: %s", e.Step, e.Command, detail)
}

// unbuildable acts on a command of step idx whose data cannot be built for
// good: the action's step fails, the compensation's gives up.
func (t *transition) unbuildable(idx int, pe *PayloadError) error {
	reason := pe.Reason()
	t.record(HistoryEntry{Kind: HistoryPayloadFailed, Step: pe.Step, MessageType: pe.Command, Detail: reason})
	rec := &t.inst.Steps[idx]
	rec.Deadline, rec.RetryPending = nil, false
	if rec.State == StepCompensating {
		return t.giveUpCompensation(idx, reason)
	}
	return t.stepFailed(idx, reason)
}
