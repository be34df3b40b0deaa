package payment_test

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/participants/payment"
	"github.com/streamsaga/streamsaga/participants/payment/paymenttest"
	"github.com/streamsaga/streamsaga/saga"
	"github.com/streamsaga/streamsaga/saga/stream"
)

// deliver hands a payment command of sagaID to p and returns Handle's error.
func deliver(t *testing.T, store payment.Store, typ, sagaID string, data any) error {
	t.Helper()
	p, err := payment.NewParticipant(store, quietLogger())
	require.NoError(t, err)
	b, err := json.Marshal(data)
	require.NoError(t, err)
	env := saga.Envelope{
		MessageID: saga.NewID(), Type: typ, SagaID: sagaID, SagaType: "order", Step: "payment",
		Attempt: 1, ReplyTo: stream.OrchestratorReply, Time: time.Now().UTC(), Data: b,
	}
	raw, err := env.Encode()
	require.NoError(t, err)
	msg := stream.Message{ID: "1-0", Stream: stream.PaymentCommands, Fields: map[string]string{stream.FieldEnvelope: string(raw)}}
	return p.Handle(t.Context(), msg)
}

func pay(customer string, cents int64) payment.PaymentCommand {
	return payment.PaymentCommand{OrderID: "o1", CustomerID: customer, AmountCents: cents}
}

func TestChargeAndRefundThroughParticipant(t *testing.T) {
	t.Parallel()
	store := newStore(t)
	paymenttest.SetBalance(t, store, "c1", 5000)
	sagaID := saga.NewID()
	require.NoError(t, deliver(t, store, string(payment.ProcessPayment), sagaID, pay("c1", 1200)))
	paymenttest.RequireBalance(t, store, "c1", 3800)
	require.NoError(t, deliver(t, store, string(payment.ProcessPayment), sagaID, pay("c1", 1200)), "resent")
	paymenttest.RequireBalance(t, store, "c1", 3800)
	require.NoError(t, deliver(t, store, string(payment.RefundPayment), sagaID, pay("c1", 1200)))
	require.NoError(t, deliver(t, store, string(payment.RefundPayment), sagaID, pay("c1", 1200)), "resent")
	paymenttest.RequireBalance(t, store, "c1", 5000)
}

func TestDeclinedPaymentIsNotRefunded(t *testing.T) {
	t.Parallel()
	store := newStore(t)
	paymenttest.SetBalance(t, store, "c1", 100)
	sagaID := saga.NewID()
	require.NoError(t, deliver(t, store, string(payment.ProcessPayment), sagaID, pay("c1", 1200)))
	require.NoError(t, deliver(t, store, string(payment.RefundPayment), sagaID, pay("c1", 1200)))
	paymenttest.RequireBalance(t, store, "c1", 100)
}

func TestMalformedPaymentIsPermanent(t *testing.T) {
	t.Parallel()
	store := newStore(t)
	for _, data := range []any{
		map[string]any{"order_id": "o1", "amount_cents": 10},
		map[string]any{"order_id": "o1", "customer_id": "c1", "amount_cents": -5},
		map[string]any{"order_id": "o1", "customer_id": "c1", "amount_cents": "10"},
	} {
		err := deliver(t, store, string(payment.ProcessPayment), saga.NewID(), data)
		require.True(t, saga.IsPermanent(err), "%v", data)
	}
}
