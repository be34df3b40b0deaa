package defs_test

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/saga"
	"github.com/streamsaga/streamsaga/saga/defs"
)

// holdSaga reserves, then pays with the hold the reservation answered.
const holdSaga = `
type: hold
steps:
  - name: reserve
    participant: stock.commands
    action: {command: Reserve, success: Reserved, failure: NoStock, payload: {sku: "${input.sku}", saga: "${saga.id}"}}
    compensation: {command: Release, done: Released, payload: {hold: "${steps.reserve.result.hold}"}}
  - name: pay
    participant: pay.commands
    action: {command: Pay, success: Paid, failure: Declined, payload: {hold: "${steps.reserve.result.hold}", amount: "${input.amount}"}}
`

var now = time.Date(2026, 3, 4, 5, 6, 7, 0, time.UTC)

func startHold(t *testing.T, data string) (*saga.Definition, *saga.Instance, saga.Result) {
	t.Helper()
	def, err := defs.Parse("hold.yaml", []byte(holdSaga))
	require.NoError(t, err)
	inst, res, err := saga.Engine{ReplyTo: "replies"}.Start(def, saga.StartInput{ID: saga.NewID(), Data: json.RawMessage(data), Now: now})
	require.NoError(t, err)
	return def, inst, res
}

func replyTo(cmd saga.Outgoing, typ, data string) saga.Envelope {
	return saga.Envelope{MessageID: saga.NewID(), Type: typ, SagaID: cmd.Envelope.SagaID, Step: cmd.Envelope.Step,
		CausationID: cmd.Envelope.MessageID, Time: now, Data: json.RawMessage(data)}
}

func handle(t *testing.T, def *saga.Definition, inst *saga.Instance, env saga.Envelope) saga.Result {
	t.Helper()
	res, err := saga.Engine{ReplyTo: "replies"}.HandleReply(def, inst, env, now.Add(time.Second))
	require.NoError(t, err)
	return res
}

func TestAFileSagaMapsItsPayloadsOnTheEngine(t *testing.T) {
	def, inst, res := startHold(t, `{"sku": "A", "amount": 1250}`)
	require.JSONEq(t, `{"sku": "A", "saga": "`+inst.ID+`"}`, string(res.Messages[0].Envelope.Data))
	res = handle(t, def, inst, replyTo(res.Messages[0], "Reserved", `{"hold": "h-1"}`))
	require.Equal(t, "Pay", res.Messages[0].Envelope.Type)
	require.JSONEq(t, `{"hold": "h-1", "amount": 1250}`, string(res.Messages[0].Envelope.Data))
	res = handle(t, def, inst, replyTo(res.Messages[0], "Declined", `{}`))
	require.Equal(t, "Release", res.Messages[0].Envelope.Type)
	require.JSONEq(t, `{"hold": "h-1"}`, string(res.Messages[0].Envelope.Data))
}

// payloadFailures lists the payload_failed lines of res as "step: detail".
func payloadFailures(res saga.Result) []string {
	var out []string
	for _, h := range res.History {
		if h.Kind == saga.HistoryPayloadFailed {
			out = append(out, h.Step+": "+h.Detail)
		}
	}
	return out
}

func TestAValueMissingAtRunTimeFailsTheStepWithoutRetriesAndCompensates(t *testing.T) {
	def, inst, res := startHold(t, `{"sku": "A"}`)
	res = handle(t, def, inst, replyTo(res.Messages[0], "Reserved", `{"hold": "h-1"}`))

	reason := "step pay: building Pay: ${input.amount}: the saga's input has no value at amount"
	require.Equal(t, saga.StateCompensating, inst.State)
	require.Equal(t, saga.StepFailed, inst.Steps[1].State)
	require.Equal(t, 1, inst.Steps[1].Attempts, "no retry")
	require.Nil(t, inst.Steps[1].Deadline)
	require.Equal(t, reason, inst.Failure)
	require.Equal(t, []string{"pay: " + reason}, payloadFailures(res), "the reason is in the history")
	require.Len(t, res.Messages, 1, "no Pay is sent")
	require.Equal(t, "Release", res.Messages[0].Envelope.Type, "the reservation is compensated")
	require.JSONEq(t, `{"hold": "h-1"}`, string(res.Messages[0].Envelope.Data))

	handle(t, def, inst, replyTo(res.Messages[0], "Released", ``))
	require.Equal(t, saga.StateCompensated, inst.State)
}

func TestAResultMissingAtRunTimeFailsTheStepAndTheCompensationThatNeedsIt(t *testing.T) {
	for _, reply := range []string{`{"id": "h-1"}`, ``} {
		def, inst, res := startHold(t, `{"sku": "A", "amount": 1250}`)
		res = handle(t, def, inst, replyTo(res.Messages[0], "Reserved", reply))
		detail := "the result of step reserve has no value at hold"
		if reply == "" {
			detail = "step reserve has no result"
		}
		require.Equal(t, []string{
			"pay: step pay: building Pay: ${steps.reserve.result.hold}: " + detail,
			"reserve: step reserve: building Release: ${steps.reserve.result.hold}: " + detail,
		}, payloadFailures(res))
		require.Empty(t, res.Messages)
		require.Equal(t, saga.StepFailed, inst.Steps[1].State)
		require.Equal(t, saga.StateFailed, inst.State, "a compensation that cannot be built needs an operator")
	}
}

func TestAValueTheFirstCommandLacksRefusesTheStart(t *testing.T) {
	def, err := defs.Parse("hold.yaml", []byte(holdSaga))
	require.NoError(t, err)
	_, _, err = saga.Engine{ReplyTo: "replies"}.Start(def, saga.StartInput{ID: saga.NewID(), Data: json.RawMessage(`{}`), Now: now})
	var pe *saga.PayloadError
	require.ErrorAs(t, err, &pe)
	require.True(t, saga.IsPermanent(err))
	require.Equal(t, "step reserve: building Reserve: ${input.sku}: the saga's input has no value at sku", pe.Reason())
}
