package payment_test

import (
	"database/sql"
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/participants/payment"
	"github.com/streamsaga/streamsaga/participants/payment/paymenttest"
	"github.com/streamsaga/streamsaga/participants/resource/resourcetest"
	"github.com/streamsaga/streamsaga/saga"
	"github.com/streamsaga/streamsaga/saga/stream"
	"github.com/streamsaga/streamsaga/saga/transport"
)

// deliver hands a payment command of sagaID to a participant over store
// and returns Handle's error.
func deliver(t *testing.T, store payment.Store, typ, sagaID string, data any) error {
	t.Helper()
	return handle(t, store, command(t, typ, sagaID, data))
}

func command(t *testing.T, typ, sagaID string, data any) saga.Envelope {
	b, err := json.Marshal(data)
	require.NoError(t, err)
	return saga.Envelope{
		MessageID: saga.NewID(), Type: typ, SagaID: sagaID, SagaType: "order", Step: "payment",
		Attempt: 1, ReplyTo: stream.OrchestratorReply, Time: time.Now().UTC(), Data: b,
	}
}

func handle(t *testing.T, store payment.Store, env saga.Envelope) error {
	p, err := payment.NewParticipant(store, resourcetest.QuietLogger())
	require.NoError(t, err)
	raw, err := env.Encode()
	require.NoError(t, err)
	msg := transport.Message{ID: "1-0", Stream: payment.CommandStream, Fields: map[string]string{stream.FieldEnvelope: string(raw)}}
	return p.Handle(t.Context(), msg)
}

// replyIDs lists the message ids in the outbox, in order.
func replyIDs(t *testing.T, db *sql.DB) []string {
	rows, err := db.QueryContext(t.Context(), `SELECT message_id FROM outbox ORDER BY id`)
	require.NoError(t, err)
	defer rows.Close()
	var ids []string
	for rows.Next() {
		var id string
		require.NoError(t, rows.Scan(&id))
		ids = append(ids, id)
	}
	require.NoError(t, rows.Err())
	return ids
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

// Data that can never be charged is dead-lettered; an amount of zero or
// less is declined instead (TestNonPositivePaymentIsDeclined).
func TestMalformedPaymentIsPermanent(t *testing.T) {
	t.Parallel()
	store := newStore(t)
	for _, data := range []any{
		map[string]any{"order_id": "o1", "amount_cents": 10},
		map[string]any{"customer_id": "c1", "amount_cents": 10},
		map[string]any{"order_id": "o1", "customer_id": "c1", "amount_cents": "10"},
	} {
		err := deliver(t, store, string(payment.ProcessPayment), saga.NewID(), data)
		require.True(t, saga.IsPermanent(err), "%v", data)
	}
}

func TestDuplicatePaymentChargesOnceAndRepliesAgain(t *testing.T) {
	t.Parallel()
	store, db := openStore(t)
	paymenttest.SetBalance(t, store, "c1", 5000)
	cmd := command(t, string(payment.ProcessPayment), saga.NewID(), pay("c1", 1200))
	require.NoError(t, handle(t, store, cmd))
	require.NoError(t, handle(t, store, cmd), "the same message again, its reply lost")

	paymenttest.RequireBalance(t, store, "c1", 3800)
	reply := saga.DerivedID(cmd.MessageID, "reply")
	require.Equal(t, []string{reply, reply}, replyIDs(t, db))
}
