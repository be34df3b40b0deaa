package ordersaga

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/saga"
)

var now = time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)

func startOrder(t *testing.T) (*saga.Definition, *saga.Instance, saga.Outgoing) {
	t.Helper()
	def := Definition()
	data, err := json.Marshal(Data{OrderID: saga.NewID(), CustomerID: "c1", TotalCents: 299997,
		Items: []Item{{SKU: "A", Quantity: 3, UnitPriceCents: 99999}}})
	require.NoError(t, err)
	inst, res, err := saga.Engine{ReplyTo: "r"}.Start(def, saga.StartInput{ID: saga.NewID(), Data: data, Now: now})
	require.NoError(t, err)
	return def, inst, res.Messages[0]
}

func answer(t *testing.T, def *saga.Definition, inst *saga.Instance, cmd saga.Outgoing, typ, data string) saga.Result {
	t.Helper()
	env := saga.Envelope{MessageID: saga.NewID(), Type: typ, SagaID: inst.ID, Step: cmd.Envelope.Step,
		CausationID: cmd.Envelope.MessageID, Time: now, Data: json.RawMessage(data)}
	res, err := saga.Engine{ReplyTo: "r"}.HandleReply(def, inst, env, now)
	require.NoError(t, err)
	return res
}

func orderID(t *testing.T, inst *saga.Instance) string {
	d, err := Decode(inst.Data)
	require.NoError(t, err)
	return d.OrderID
}

func TestPaymentProcessedForAnotherAmountIsRejected(t *testing.T) {
	def, inst, reserve := startOrder(t)
	res := answer(t, def, inst, reserve, InventoryReserved, `{"order_id":"`+orderID(t, inst)+`"}`)
	pay := res.Messages[0]
	for _, forged := range []string{
		`{"order_id":"` + orderID(t, inst) + `","amount_cents":0}`,
		`{"order_id":"` + orderID(t, inst) + `"}`,
		`{"order_id":"` + saga.NewID() + `","amount_cents":299997}`,
		`not json`,
	} {
		res = answer(t, def, inst, pay, PaymentProcessed, forged)
		require.False(t, res.Changed, forged)
		require.Equal(t, saga.HistoryReplyRejected, res.History[len(res.History)-1].Kind, forged)
		require.Equal(t, saga.StateRunning, inst.State)
	}
	res = answer(t, def, inst, pay, PaymentProcessed, `{"order_id":"`+orderID(t, inst)+`","amount_cents":299997}`)
	require.Equal(t, saga.StateCompleted, inst.State)
}

func TestInventoryReservedForOtherItemsIsRejected(t *testing.T) {
	def, inst, reserve := startOrder(t)
	for _, forged := range []string{
		`{"order_id":"` + saga.NewID() + `"}`,
		`{"order_id":"` + orderID(t, inst) + `","items":[{"sku":"A","quantity":1}]}`,
	} {
		res := answer(t, def, inst, reserve, InventoryReserved, forged)
		require.False(t, res.Changed, forged)
		require.Equal(t, saga.HistoryReplyRejected, res.History[len(res.History)-1].Kind, forged)
	}
	res := answer(t, def, inst, reserve, InventoryReserved, `{"order_id":"`+orderID(t, inst)+`","items":[{"sku":"A","quantity":3}]}`)
	require.True(t, res.Changed)
	require.Equal(t, saga.StepSucceeded, inst.Steps[0].State)
}
