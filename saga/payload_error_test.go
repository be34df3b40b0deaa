package saga

import (
	"encoding/json"
	"errors"
	"testing"

	"github.com/stretchr/testify/require"
)

// missing is a payload builder whose value is missing for good.
func missing(PayloadInput) (any, error) {
	return nil, Permanent(errors.New("${input.amount}: the saga's input has no amount"))
}

func historyOf(res Result, kind string) []HistoryEntry {
	var out []HistoryEntry
	for _, h := range res.History {
		if h.Kind == kind {
			out = append(out, h)
		}
	}
	return out
}

func TestAnActionThatCannotBeBuiltFailsItsStepAndCompensatesWithoutRetries(t *testing.T) {
	def := twoStep()
	def.Steps[1].ActionPayload = missing
	inst, res, err := Engine{ReplyTo: "replies"}.Start(def, StartInput{ID: NewID(), Data: json.RawMessage(`{}`), Now: t0})
	require.NoError(t, err)

	res = apply(t, def, inst, reply(res.Messages[0], "Reserved", ""))
	reason := "step pay: building Pay: ${input.amount}: the saga's input has no amount"
	require.Len(t, res.Messages, 1, "no Pay is sent, only the compensation of reserve")
	require.Equal(t, "Release", res.Messages[0].Envelope.Type)
	failed := historyOf(res, HistoryPayloadFailed)
	require.Len(t, failed, 1)
	require.Equal(t, HistoryEntry{At: t0.Add(1e9), Kind: HistoryPayloadFailed, Step: "pay", MessageType: "Pay", Detail: reason}, failed[0])
	require.Equal(t, StateCompensating, inst.State)
	require.Equal(t, StepFailed, inst.Steps[1].State)
	require.Equal(t, 1, inst.Steps[1].Attempts, "no retry")
	require.Nil(t, inst.Steps[1].Deadline, "no timer for a step that failed")
	require.Equal(t, reason, inst.Steps[1].LastError)
	require.Equal(t, reason, inst.Failure)

	res = apply(t, def, inst, reply(res.Messages[0], "Released", ""))
	require.Equal(t, StateCompensated, inst.State)
	require.Equal(t, StepCompensated, inst.Steps[0].State)
	require.True(t, res.Finished)
}

func TestACompensationThatCannotBeBuiltLeavesTheSagaFailed(t *testing.T) {
	def := twoStep()
	def.Steps[0].CompensationPayload = missing
	inst, res, err := Engine{ReplyTo: "replies"}.Start(def, StartInput{ID: NewID(), Data: json.RawMessage(`{}`), Now: t0})
	require.NoError(t, err)
	res = apply(t, def, inst, reply(res.Messages[0], "Reserved", ""))
	res = apply(t, def, inst, reply(res.Messages[0], "PayFailed", "declined"))
	require.Empty(t, res.Messages)
	require.Len(t, historyOf(res, HistoryPayloadFailed), 1)
	require.Equal(t, StateFailed, inst.State, "an operator must look")
	require.Equal(t, "compensation of reserve: step reserve: building Release: ${input.amount}: the saga's input has no amount",
		inst.Failure)
	require.True(t, res.Finished)
}

func TestAFirstCommandThatCannotBeBuiltRefusesTheStart(t *testing.T) {
	def := twoStep()
	def.Steps[0].ActionPayload = missing
	id := NewID()
	inst, _, err := Engine{ReplyTo: "replies"}.Start(def, StartInput{ID: id, Data: json.RawMessage(`{}`), Now: t0})
	require.Nil(t, inst)
	require.True(t, IsPermanent(err))
	var pe *PayloadError
	require.True(t, errors.As(err, &pe))
	require.Equal(t, "step reserve: building Reserve: ${input.amount}: the saga's input has no amount", pe.Reason())
	require.EqualError(t, err, "saga "+id+" step reserve: building Reserve: ${input.amount}: the saga's input has no amount")
}

func TestAPayloadErrorThatMayPassIsTheCallersError(t *testing.T) {
	def := twoStep()
	def.Steps[1].ActionPayload = func(PayloadInput) (any, error) { return nil, errors.New("store busy") }
	inst, res, err := Engine{ReplyTo: "replies"}.Start(def, StartInput{ID: NewID(), Data: json.RawMessage(`{}`), Now: t0})
	require.NoError(t, err)
	_, err = Engine{ReplyTo: "replies"}.HandleReply(def, inst, reply(res.Messages[0], "Reserved", ""), t0)
	require.ErrorContains(t, err, "step pay: building Pay: store busy")
	require.False(t, IsPermanent(err))
}
