package saga

import (
	"encoding/json"
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

type hotel struct {
	Name   string `json:"name"`
	Nights uint   `json:"nights"`
}

type booking struct {
	Customer string `json:"customer"`
	Seats    int    `json:"seats"`
	Hotel    hotel  `json:"hotel"`
}

type held struct {
	HoldID string `json:"hold_id"`
}

// bookingSaga reserves seats, then pays for them with the hold's id; a
// failed payment releases the hold named by the reservation's result.
func bookingSaga() Typed[booking] {
	hold := func(in Input[booking]) (any, error) {
		var h held
		if err := in.Result("reserve", &h); err != nil {
			return nil, err
		}
		return map[string]any{"hold": h.HoldID, "customer": in.Data.Customer, "saga": in.SagaID}, nil
	}
	return Typed[booking]{Type: "booking", Version: 2, HTTPStart: true, Steps: []TypedStep[booking]{
		{Name: "reserve", Participant: "seats.commands", Action: "Reserve", SuccessReply: "Reserved",
			FailureReply: "Refused", Compensation: "Release", CompensatedReply: "Released",
			Timeout: 5 * time.Second, Retry: RetryPolicy{MaxAttempts: 3},
			Payload: func(in Input[booking]) (any, error) {
				return map[string]any{"customer": in.Data.Customer, "seats": in.Data.Seats}, nil
			},
			CompensationPayload: hold},
		{Name: "pay", Participant: "pay.commands", Action: "Pay", SuccessReply: "Paid", FailureReply: "Declined",
			Payload: hold},
	}}
}

func TestTypedPayloadsReadTypedDataAndResults(t *testing.T) {
	def := bookingSaga().Definition()
	data := json.RawMessage(`{"customer":"c1","seats":2,"hotel":{"name":"Ritz","nights":3}}`)
	withHold := map[string]json.RawMessage{"reserve": json.RawMessage(`{"hold_id":"h-7"}`)}
	cases := []struct {
		name    string
		f       PayloadFunc
		results map[string]json.RawMessage
		want    string
		wantErr error
	}{
		{"action reads the data", def.Steps[0].ActionPayload, nil, `{"customer":"c1","seats":2}`, nil},
		{"a later step reads a result", def.Steps[1].ActionPayload, withHold,
			`{"hold":"h-7","customer":"c1","saga":"s-1"}`, nil},
		{"a compensation reads its step's result", def.Steps[0].CompensationPayload, withHold,
			`{"hold":"h-7","customer":"c1","saga":"s-1"}`, nil},
		{"a missing result is the builder's error", def.Steps[1].ActionPayload, nil, "", ErrNoResult},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := c.f(PayloadInput{SagaID: "s-1", Data: data, Results: c.results})
			if c.wantErr != nil {
				require.ErrorIs(t, err, c.wantErr)
				require.False(t, IsPermanent(err), "only undecodable data is permanent")
				return
			}
			require.NoError(t, err)
			b, err := json.Marshal(got)
			require.NoError(t, err)
			require.JSONEq(t, c.want, string(b))
		})
	}
	require.Nil(t, def.Steps[1].CompensationPayload, "a step without a builder sends the saga's data")
}

func TestTypedSagaRunsOnTheEngine(t *testing.T) {
	def := bookingSaga().Definition()
	require.NoError(t, def.Validate())
	e := Engine{ReplyTo: "replies"}
	inst, res, err := e.Start(def, StartInput{ID: NewID(), Data: json.RawMessage(`{"customer":"c1","seats":2}`), Now: t0})
	require.NoError(t, err)
	require.JSONEq(t, `{"customer":"c1","seats":2}`, string(res.Messages[0].Envelope.Data))

	reserved := reply(res.Messages[0], "Reserved", "")
	reserved.Data = json.RawMessage(`{"hold_id":"h-9"}`)
	res = apply(t, def, inst, reserved)
	require.JSONEq(t, `{"hold":"h-9","customer":"c1","saga":"`+inst.ID+`"}`, string(res.Messages[0].Envelope.Data))

	res = apply(t, def, inst, reply(res.Messages[0], "Declined", "no money"))
	require.Equal(t, "Release", res.Messages[0].Envelope.Type)
	require.JSONEq(t, `{"hold":"h-9","customer":"c1","saga":"`+inst.ID+`"}`, string(res.Messages[0].Envelope.Data))
}

func TestTypedSagaWithDataOfTheWrongShapeFailsPermanently(t *testing.T) {
	id := NewID()
	_, _, err := Engine{ReplyTo: "replies"}.Start(bookingSaga().Definition(),
		StartInput{ID: id, Data: json.RawMessage(`{"seats":"two"}`), Now: t0})
	require.True(t, IsPermanent(err), "sending the command again cannot fix the data")
	var de *DataError
	require.True(t, errors.As(err, &de))
	require.Equal(t, DataError{SagaID: id, Type: "booking", Want: "saga.booking", Err: de.Err}, *de)
	require.ErrorContains(t, err, "saga "+id+" (type booking): decoding its data into saga.booking")
}

func TestTypedDefinitionHasTheStructureOfItsUntypedTwin(t *testing.T) {
	typed := bookingSaga().Definition()
	twin := &Definition{Type: "booking", Version: 2, Steps: []Step{
		{Name: "reserve", Participant: "seats.commands", Action: "Reserve", SuccessReply: "Reserved",
			FailureReply: "Refused", Compensation: "Release", CompensatedReply: "Released",
			Timeout: 5 * time.Second, Retry: RetryPolicy{MaxAttempts: 3}},
		{Name: "pay", Participant: "pay.commands", Action: "Pay", SuccessReply: "Paid", FailureReply: "Declined"},
	}}
	got, err := typed.Canonical()
	require.NoError(t, err)
	want, err := twin.Canonical()
	require.NoError(t, err)
	require.Equal(t, string(want), string(got))
	require.Equal(t, Digest(want), Digest(got))

	var back DefinitionSpec
	require.NoError(t, json.Unmarshal(got, &back))
	require.Equal(t, typed.Spec(), back, "the canonical form decodes to the same structure")
	require.True(t, typed.HTTPStart)
	require.NotNil(t, typed.ValidateInput, "a typed definition always checks its data's shape")
}

func TestTypedDefinitionIsValidatedLikeAnyOther(t *testing.T) {
	bad := bookingSaga()
	bad.Steps[1].Name = "reserve"
	_, err := NewRegistry(bad.Definition())
	require.ErrorContains(t, err, `saga booking: step name "reserve" used twice`)
}
