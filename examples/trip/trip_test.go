package trip_test

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/examples/trip"
	"github.com/streamsaga/streamsaga/participants/payment"
	"github.com/streamsaga/streamsaga/saga"
)

// input is a trip as the README's first curl asks for it.
const input = `{"customer_id": "carol", "amount_cents": 64000,
  "flight": {"from": "LIS", "to": "OSL", "date": "2026-07-01"},
  "hotel": {"city": "Oslo", "nights": 3},
  "car": {"class": "compact", "days": 3}}`

func definition(t *testing.T) *saga.Definition {
	def, err := trip.Definition()
	require.NoError(t, err)
	return def
}

func payload(t *testing.T, f saga.PayloadFunc, in saga.PayloadInput) map[string]any {
	t.Helper()
	v, err := f(in)
	require.NoError(t, err)
	b, err := json.Marshal(v)
	require.NoError(t, err)
	var out map[string]any
	require.NoError(t, json.Unmarshal(b, &out))
	return out
}

// The file's steps are the participants' steps: the same streams,
// commands and replies; hotel and car run at once; payment is the payment
// service's and the only step without a compensation.
func TestDefinitionMatchesTheParticipants(t *testing.T) {
	t.Parallel()
	def := definition(t)
	require.Equal(t, "trip", def.Type)
	require.True(t, def.HTTPStart)
	require.Len(t, def.Steps, 4)
	for i, p := range trip.Participants() {
		s := def.Steps[i]
		require.Equal(t, p.Commands, s.Participant, s.Name)
		require.Equal(t, []string{string(p.Step.Action), string(p.Step.Succeeded), string(p.Step.Failed),
			string(p.Step.Compensation), string(p.Step.Compensated)},
			[]string{s.Action, s.SuccessReply, s.FailureReply, s.Compensation, s.CompensatedReply}, s.Name)
	}
	require.Equal(t, []string{"flight", "hotel", "car", "pay"},
		[]string{def.Steps[0].Name, def.Steps[1].Name, def.Steps[2].Name, def.Steps[3].Name})
	require.Empty(t, def.Steps[0].Group)
	require.NotEmpty(t, def.Steps[1].Group)
	require.Equal(t, def.Steps[1].Group, def.Steps[2].Group)
	pay := def.Steps[3]
	require.Empty(t, pay.Group)
	require.Equal(t, payment.CommandStream, pay.Participant)
	require.Equal(t, []string{string(payment.ProcessPayment), string(payment.PaymentProcessed), string(payment.PaymentFailed), ""},
		[]string{pay.Action, pay.SuccessReply, pay.FailureReply, pay.Compensation})
}

// The payment gets what the payment service reads (order_id, customer_id,
// amount_cents as a number) and the bookings it pays for.
func TestPaymentPayload(t *testing.T) {
	t.Parallel()
	def := definition(t)
	in := saga.PayloadInput{SagaID: "s-1", Data: json.RawMessage(input), Results: map[string]json.RawMessage{
		"flight": json.RawMessage(`{"booking": "FL-s-1", "route": "LIS-OSL", "arrives": "OSL"}`),
		"hotel":  json.RawMessage(`{"booking": "HT-s-1", "city": "Oslo", "nights": 3}`),
		"car":    json.RawMessage(`{"booking": "CR-s-1", "class": "compact", "pickup": "OSL airport"}`),
	}}
	v, err := def.Steps[3].ActionPayload(in)
	require.NoError(t, err)
	b, err := json.Marshal(v)
	require.NoError(t, err)
	var cmd payment.PaymentCommand
	require.NoError(t, json.Unmarshal(b, &cmd))
	require.Equal(t, payment.PaymentCommand{OrderID: "trip-s-1", CustomerID: "carol", AmountCents: 64000}, cmd)
	require.JSONEq(t, `{"order_id": "trip-s-1", "customer_id": "carol", "amount_cents": 64000,
		"flight": "FL-s-1", "hotel": "HT-s-1", "car": "CR-s-1"}`, string(b))

	car := payload(t, def.Steps[2].ActionPayload, in)
	require.Equal(t, "OSL airport", car["pickup"], "the car is picked up where the flight lands")
	require.Equal(t, map[string]any{"class": "compact", "days": float64(3)}, car["rental"])
}

// Every compensation names its booking as its action did, from the saga
// id alone: it is built even when no step has a result yet (a member of
// the group abandoned before it answered is compensated all the same).
func TestCompensationsNeedNoResult(t *testing.T) {
	t.Parallel()
	def := definition(t)
	prefixes := map[string]string{"flight": "FL-", "hotel": "HT-", "car": "CR-"}
	withFlight := saga.PayloadInput{SagaID: "s-2", Data: json.RawMessage(input), Results: map[string]json.RawMessage{
		"flight": json.RawMessage(`{"booking": "FL-s-2", "route": "LIS-OSL", "arrives": "OSL"}`)}}
	for _, s := range def.Steps[:3] {
		undo := payload(t, s.CompensationPayload, saga.PayloadInput{SagaID: "s-2", Data: json.RawMessage(input)})
		require.Equal(t, map[string]any{"reference": prefixes[s.Name] + "s-2"}, undo, s.Name)
		do := payload(t, s.ActionPayload, withFlight)
		require.Equal(t, undo["reference"], do["reference"], s.Name)
	}
}

func TestInputSchema(t *testing.T) {
	t.Parallel()
	def := definition(t)
	require.NoError(t, def.ValidateInput(json.RawMessage(input)))
	err := def.ValidateInput(json.RawMessage(`{"customer_id": "carol", "amount_cents": 64000,
		"flight": {"from": "LIS", "to": "OSL", "date": "2026-07-01"}, "hotel": {"city": "Oslo", "nights": 0}}`))
	require.ErrorContains(t, err, "car")
	require.ErrorContains(t, err, "/hotel/nights")
}
