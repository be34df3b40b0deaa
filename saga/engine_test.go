package saga

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

func twoStep() *Definition {
	return &Definition{Type: "test", Steps: []Step{
		{Name: "reserve", Participant: "inv.commands", Action: "Reserve", Compensation: "Release",
			SuccessReply: "Reserved", FailureReply: "ReserveFailed", CompensatedReply: "Released"},
		{Name: "pay", Participant: "pay.commands", Action: "Pay",
			SuccessReply: "Paid", FailureReply: "PayFailed"},
	}}
}

var t0 = time.Date(2026, 1, 2, 3, 4, 5, 123456000, time.UTC)

func start(t *testing.T) (*Definition, *Instance, Result) {
	t.Helper()
	def := twoStep()
	require.NoError(t, def.Validate())
	inst, res, err := Engine{ReplyTo: "replies"}.Start(def, StartInput{
		ID: NewID(), CorrelationID: "order-1", TraceParent: NewTraceParent(),
		Data: json.RawMessage(`{"x":1}`), Now: t0,
	})
	require.NoError(t, err)
	return def, inst, res
}

func reply(cmd Outgoing, typ string, errMsg string) Envelope {
	env := Envelope{MessageID: NewID(), Type: typ, SagaID: cmd.Envelope.SagaID, Step: cmd.Envelope.Step,
		CausationID: cmd.Envelope.MessageID, Time: t0}
	if errMsg != "" {
		env.Error = &ReplyError{Message: errMsg}
	}
	return env
}

func apply(t *testing.T, def *Definition, inst *Instance, env Envelope) Result {
	t.Helper()
	res, err := Engine{ReplyTo: "replies"}.HandleReply(def, inst, env, t0.Add(time.Second))
	require.NoError(t, err)
	return res
}

func TestStartSendsFirstCommand(t *testing.T) {
	_, inst, res := start(t)
	require.Equal(t, StateRunning, inst.State)
	require.Len(t, res.Messages, 1)
	cmd := res.Messages[0]
	require.Equal(t, "inv.commands", cmd.Stream)
	require.Equal(t, "Reserve", cmd.Envelope.Type)
	require.Equal(t, "replies", cmd.Envelope.ReplyTo)
	require.Equal(t, CommandID(inst.ID, "reserve", "action", 1), cmd.Envelope.MessageID)
	require.Equal(t, TraceID(inst.TraceParent), TraceID(cmd.Envelope.TraceParent))
	require.JSONEq(t, `{"x":1}`, string(cmd.Envelope.Data))
	require.Equal(t, StepRunning, inst.Steps[0].State)
	require.Equal(t, StepPending, inst.Steps[1].State)
	require.Equal(t, 1, inst.Steps[0].Attempts)
	require.NotNil(t, inst.Steps[0].Deadline)
}

func TestHappyPathCompletes(t *testing.T) {
	def, inst, res := start(t)
	res = apply(t, def, inst, reply(res.Messages[0], "Reserved", ""))
	require.Len(t, res.Messages, 1)
	require.Equal(t, "Pay", res.Messages[0].Envelope.Type)
	require.False(t, res.Finished)
	res = apply(t, def, inst, reply(res.Messages[0], "Paid", ""))
	require.Empty(t, res.Messages)
	require.True(t, res.Finished)
	require.Equal(t, StateCompleted, inst.State)
	require.NotNil(t, inst.CompletedAt)
	require.Equal(t, StepSucceeded, inst.Steps[1].State)
}

func TestFirstStepFailureEndsCompensatedWithNothingToUndo(t *testing.T) {
	def, inst, res := start(t)
	res = apply(t, def, inst, reply(res.Messages[0], "ReserveFailed", "out of stock"))
	require.Empty(t, res.Messages)
	require.True(t, res.Finished)
	require.Equal(t, StateCompensated, inst.State)
	require.Equal(t, "out of stock", inst.Failure)
	require.Equal(t, StepFailed, inst.Steps[0].State)
}

func TestLaterFailureCompensatesEarlierSteps(t *testing.T) {
	def, inst, res := start(t)
	res = apply(t, def, inst, reply(res.Messages[0], "Reserved", ""))
	res = apply(t, def, inst, reply(res.Messages[0], "PayFailed", "declined"))
	require.Equal(t, StateCompensating, inst.State)
	require.Len(t, res.Messages, 1)
	comp := res.Messages[0]
	require.Equal(t, "Release", comp.Envelope.Type)
	require.Equal(t, "inv.commands", comp.Stream)
	require.Equal(t, CommandID(inst.ID, "reserve", "compensation", 1), comp.Envelope.MessageID)
	require.Equal(t, StepCompensating, inst.Steps[0].State)

	res = apply(t, def, inst, reply(comp, "Released", ""))
	require.True(t, res.Finished)
	require.Equal(t, StateCompensated, inst.State)
	require.Equal(t, StepCompensated, inst.Steps[0].State)
	require.Equal(t, "declined", inst.Failure)
}

func TestDuplicateAndStaleRepliesChangeNothing(t *testing.T) {
	def, inst, res := start(t)
	first := reply(res.Messages[0], "Reserved", "")
	res = apply(t, def, inst, first)
	payCmd := res.Messages[0]
	before := *inst
	before.Steps = append([]StepRecord(nil), inst.Steps...)

	for _, env := range []Envelope{
		first,                         // duplicate
		reply(payCmd, "Reserved", ""), // wrong step/type pairing
		{MessageID: NewID(), Type: "Paid", Step: "pay", CausationID: NewID()}, // stale causation
		{MessageID: NewID(), Type: "Paid", Step: "nope"},                      // unknown step
	} {
		res = apply(t, def, inst, env)
		require.False(t, res.Changed, "%+v", env)
		require.Empty(t, res.Messages)
		require.Equal(t, HistoryReplyIgnored, res.History[len(res.History)-1].Kind)
	}
	require.Equal(t, before.State, inst.State)
	require.Equal(t, before.Steps, inst.Steps)
}

func TestReplyToFinishedSagaIsIgnored(t *testing.T) {
	def, inst, res := start(t)
	failed := reply(res.Messages[0], "ReserveFailed", "none left")
	apply(t, def, inst, failed)
	res = apply(t, def, inst, reply(res.Messages[0], "Reserved", ""))
	require.False(t, res.Changed)
	require.Equal(t, StateCompensated, inst.State)
}

func TestValidateRestoredInstance(t *testing.T) {
	def, inst, _ := start(t)
	require.NoError(t, inst.Validate(def))
	bad := *inst
	bad.State = "WHATEVER"
	require.Error(t, bad.Validate(def))
	bad = *inst
	bad.Steps = []StepRecord{{Name: "reserve", State: StepRunning}}
	require.Error(t, bad.Validate(def))
	bad = *inst
	bad.Steps = []StepRecord{{Name: "reserve", State: "ZZZ"}, {Name: "pay", State: StepPending}}
	require.Error(t, bad.Validate(def))
}

func TestDefinitionValidation(t *testing.T) {
	require.Error(t, (&Definition{}).Validate())
	d := twoStep()
	d.Steps[1].Name = "reserve"
	require.Error(t, d.Validate())
	d = twoStep()
	d.Steps[0].CompensatedReply = ""
	require.Error(t, d.Validate())
	_, err := NewRegistry(twoStep(), twoStep())
	require.Error(t, err)
	r, err := NewRegistry(twoStep())
	require.NoError(t, err)
	_, err = r.Get("other")
	require.ErrorIs(t, err, ErrNotFound)
}

func TestEnvelopeRoundTripAndPoison(t *testing.T) {
	_, _, res := start(t)
	b, err := res.Messages[0].Envelope.Encode()
	require.NoError(t, err)
	env, err := DecodeEnvelope(b)
	require.NoError(t, err)
	require.Equal(t, res.Messages[0].Envelope.MessageID, env.MessageID)
	for _, bad := range []string{`{`, `{"type":"X"}`, `{"message_id":"nope","type":"X"}`, `{"message_id":"` + NewID() + `"}`, `[]`} {
		_, err := DecodeEnvelope([]byte(bad))
		require.Error(t, err, bad)
		require.True(t, IsPermanent(err), bad)
	}
}

func TestTraceParent(t *testing.T) {
	tp := NewTraceParent()
	require.Len(t, TraceID(tp), 32)
	child := ChildTraceParent(tp)
	require.Equal(t, TraceID(tp), TraceID(child))
	require.NotEqual(t, tp, child)
	require.Equal(t, "", TraceID("garbage"))
	require.Len(t, TraceID(ChildTraceParent("garbage")), 32)
}

func TestBackoffGrowsAndIsCapped(t *testing.T) {
	p := RetryPolicy{InitialBackoff: 100 * time.Millisecond, MaxBackoff: time.Second, Jitter: 0.1}
	require.Zero(t, p.Backoff(1))
	b2 := p.Backoff(2)
	require.InDelta(t, float64(100*time.Millisecond), float64(b2), float64(11*time.Millisecond))
	b4 := p.Backoff(4)
	require.InDelta(t, float64(400*time.Millisecond), float64(b4), float64(41*time.Millisecond))
	require.LessOrEqual(t, p.Backoff(30), 1100*time.Millisecond)
}
