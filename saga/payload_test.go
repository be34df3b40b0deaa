package saga

import (
	"encoding/json"
	"errors"
	"testing"

	"github.com/stretchr/testify/require"
)

// holdPayload is the payment step's payload: the hold id the reservation
// step answered with, and the saga's id.
func holdPayload(in PayloadInput) (any, error) {
	var held struct {
		HoldID string `json:"hold_id"`
	}
	if err := in.Result("reserve", &held); err != nil {
		return nil, err
	}
	return map[string]string{"hold": held.HoldID, "saga": in.SagaID}, nil
}

func TestSuccessReplyDataIsTheStepsResultForLaterPayloads(t *testing.T) {
	def := twoStep()
	def.Steps[1].ActionPayload = holdPayload
	def.Steps[0].CompensationPayload = holdPayload
	inst, res, err := Engine{ReplyTo: "replies"}.Start(def, StartInput{ID: NewID(), Data: json.RawMessage(`{}`), Now: t0})
	require.NoError(t, err)

	reserved := reply(res.Messages[0], "Reserved", "")
	reserved.Data = json.RawMessage(`{"hold_id":"h-42"}`)
	res = apply(t, def, inst, reserved)
	require.JSONEq(t, `{"hold_id":"h-42"}`, string(inst.Steps[0].Result))
	require.JSONEq(t, `{"hold":"h-42","saga":"`+inst.ID+`"}`, string(res.Messages[0].Envelope.Data))

	res = apply(t, def, inst, reply(res.Messages[0], "PayFailed", "declined"))
	require.Equal(t, "Release", res.Messages[0].Envelope.Type)
	require.JSONEq(t, `{"hold":"h-42","saga":"`+inst.ID+`"}`, string(res.Messages[0].Envelope.Data),
		"a compensation reads its own step's result")
	require.Nil(t, inst.Steps[1].Result, "a failed step has no result")
}

func TestResultSurvivesTheInstancesJSON(t *testing.T) {
	rec := StepRecord{Name: "reserve", State: StepSucceeded}
	rec.keepResult(json.RawMessage(`{"hold_id":"h-1"}`))
	raw, err := json.Marshal([]StepRecord{rec})
	require.NoError(t, err)
	var back []StepRecord
	require.NoError(t, json.Unmarshal(raw, &back))
	require.JSONEq(t, `{"hold_id":"h-1"}`, string(back[0].Result))
}

func TestMissingResultIsErrNoResultAndEmptyDataLeavesNone(t *testing.T) {
	rec := StepRecord{Name: "reserve"}
	rec.keepResult(json.RawMessage(`null`))
	require.Nil(t, rec.Result)
	in := (&Instance{ID: "s", Steps: []StepRecord{rec}}).payloadInput()
	var v any
	require.True(t, errors.Is(in.Result("reserve", &v), ErrNoResult))
}
