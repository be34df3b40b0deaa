package saga

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

func due(t *testing.T, def *Definition, inst *Instance) Result {
	t.Helper()
	d := inst.NextDeadline()
	require.NotNil(t, d, "saga has a deadline")
	res, err := Engine{ReplyTo: "replies"}.HandleTimeout(def, inst, d.Add(time.Millisecond))
	require.NoError(t, err)
	return res
}

func retryable(cmd Outgoing, typ, msg string) Envelope {
	env := reply(cmd, typ, "")
	env.Error = &ReplyError{Message: msg, Retryable: true}
	return env
}

func TestRetryableErrorRetriesWithNewAttempt(t *testing.T) {
	def, inst, res := start(t)
	first := res.Messages[0]
	res = apply(t, def, inst, retryable(first, "ReserveFailed", "db busy"))
	require.Empty(t, res.Messages, "no resend before the backoff")
	require.True(t, inst.Steps[0].RetryPending)
	require.Equal(t, "db busy", inst.Steps[0].LastError)
	require.Equal(t, StateRunning, inst.State)
	require.Equal(t, HistoryRetry, res.History[len(res.History)-1].Kind)

	res = due(t, def, inst)
	require.Len(t, res.Messages, 1)
	second := res.Messages[0]
	require.NotEqual(t, first.Envelope.MessageID, second.Envelope.MessageID, "a retry is a new message")
	require.Equal(t, CommandID(inst.ID, "reserve", "action", 2), second.Envelope.MessageID)
	require.Equal(t, 2, second.Envelope.Attempt)
	require.Equal(t, 2, inst.Steps[0].Attempts)

	// A late reply to the first attempt is ignored; the answer to the second counts.
	res = apply(t, def, inst, reply(first, "Reserved", ""))
	require.False(t, res.Changed)
	res = apply(t, def, inst, reply(second, "Reserved", ""))
	require.Equal(t, "Pay", res.Messages[0].Envelope.Type)
}

func TestRetryableErrorsExhaustedCompensateTheStepItself(t *testing.T) {
	def, inst, res := start(t)
	def.Steps[0].Retry.MaxAttempts = 2
	cmd := res.Messages[0]
	apply(t, def, inst, retryable(cmd, "ReserveFailed", "db busy"))
	cmd = due(t, def, inst).Messages[0]
	res = apply(t, def, inst, retryable(cmd, "ReserveFailed", "db busy"))
	require.Equal(t, StateCompensating, inst.State)
	require.Len(t, res.Messages, 1)
	require.Equal(t, "Release", res.Messages[0].Envelope.Type, "the action may have run: undo it")
	require.Contains(t, inst.Failure, "db busy")
	res = apply(t, def, inst, reply(res.Messages[0], "Released", ""))
	require.Equal(t, StateCompensated, inst.State)
	require.True(t, res.Finished)
}

func TestTimeoutResendsSameMessageThenGivesUp(t *testing.T) {
	def, inst, res := start(t)
	def.Steps[0].Retry.MaxAttempts = 3
	id := res.Messages[0].Envelope.MessageID
	for attempt := 2; attempt <= 3; attempt++ {
		res = due(t, def, inst)
		require.Len(t, res.Messages, 1)
		require.Equal(t, id, res.Messages[0].Envelope.MessageID, "same message id: the inbox deduplicates")
		require.Equal(t, attempt, inst.Steps[0].Attempts)
		require.Equal(t, HistoryTimeout, res.History[0].Kind)
	}
	res = due(t, def, inst)
	require.Equal(t, StateCompensating, inst.State)
	require.Equal(t, StepCompensating, inst.Steps[0].State)
	require.Equal(t, "Release", res.Messages[0].Envelope.Type)
	require.Contains(t, inst.Failure, "no reply after 3 attempts")
	// The late success reply changes nothing.
	late := Envelope{MessageID: NewID(), Type: "Reserved", Step: "reserve", CausationID: id}
	require.False(t, apply(t, def, inst, late).Changed)
}

func TestTimedOutStepWithoutCompensationFailsAndEarlierStepsAreUndone(t *testing.T) {
	def, inst, res := start(t)
	def.Steps[1].Retry.MaxAttempts = 1
	res = apply(t, def, inst, reply(res.Messages[0], "Reserved", ""))
	res = due(t, def, inst)
	require.Equal(t, StepFailed, inst.Steps[1].State)
	require.Equal(t, "Release", res.Messages[0].Envelope.Type)
}

func failCompensation(t *testing.T, def *Definition, inst *Instance, comp Outgoing) {
	t.Helper()
	for {
		apply(t, def, inst, retryable(comp, "Released", "warehouse offline"))
		if inst.State != StateCompensating {
			return
		}
		comp = due(t, def, inst).Messages[0]
	}
}

func TestFailingCompensationEndsFailedAndOperatorResumes(t *testing.T) {
	def, inst, res := start(t)
	def.Steps[0].Retry.MaxAttempts = 3
	res = apply(t, def, inst, reply(res.Messages[0], "Reserved", ""))
	res = apply(t, def, inst, reply(res.Messages[0], "PayFailed", "declined"))
	failCompensation(t, def, inst, res.Messages[0])
	require.Equal(t, StateFailed, inst.State)
	require.NotNil(t, inst.CompletedAt)
	require.Nil(t, inst.NextDeadline(), "a FAILED saga waits for an operator, not a timer")
	require.Equal(t, 3, inst.Steps[0].CompensationAttempts)
	require.Contains(t, inst.Failure, "warehouse offline")

	res, err := Engine{ReplyTo: "replies"}.Resume(def, inst, t0.Add(time.Hour), "test")
	require.NoError(t, err)
	require.Equal(t, StateCompensating, inst.State)
	require.Nil(t, inst.CompletedAt)
	require.Len(t, res.Messages, 1)
	require.Equal(t, HistoryOperator, res.History[0].Kind)
	require.Equal(t, CommandID(inst.ID, "reserve", "compensation", 4), res.Messages[0].Envelope.MessageID)
	res = apply(t, def, inst, reply(res.Messages[0], "Released", ""))
	require.Equal(t, StateCompensated, inst.State)
	require.True(t, res.Finished)
}

func TestResumeStuckAndFinishedSagas(t *testing.T) {
	def, inst, res := start(t)
	first := res.Messages[0].Envelope.MessageID
	res, err := Engine{ReplyTo: "replies"}.Resume(def, inst, t0.Add(time.Minute), "test")
	require.NoError(t, err)
	require.NotEqual(t, first, res.Messages[0].Envelope.MessageID)
	require.Equal(t, 1, inst.Steps[0].Attempts, "a fresh retry budget")
	res = apply(t, def, inst, reply(res.Messages[0], "ReserveFailed", "none"))
	require.Equal(t, StateCompensated, inst.State)
	_, err = Engine{ReplyTo: "replies"}.Resume(def, inst, t0, "test")
	require.ErrorIs(t, err, ErrNotResumable)
}

func TestNextDeadline(t *testing.T) {
	def, inst, res := start(t)
	d := inst.NextDeadline()
	require.NotNil(t, d)
	require.Equal(t, t0.Add(def.Steps[0].StepTimeout()), *d)
	apply(t, def, inst, reply(res.Messages[0], "ReserveFailed", "none"))
	require.Nil(t, inst.NextDeadline())
}
