package payment_test

import (
	"database/sql"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/participants/payment"
	"github.com/streamsaga/streamsaga/participants/payment/paymenttest"
	"github.com/streamsaga/streamsaga/saga"
)

// lastReply decodes the newest reply in the outbox.
func lastReply(t *testing.T, db *sql.DB) saga.Envelope {
	t.Helper()
	var payload string
	require.NoError(t, db.QueryRowContext(t.Context(), `SELECT payload FROM outbox ORDER BY id DESC LIMIT 1`).Scan(&payload))
	env, err := saga.DecodeEnvelope([]byte(payload))
	require.NoError(t, err)
	return env
}

// A negative ProcessPayment is answered with a PaymentFailed that the saga
// compensates on, not retried and not dead-lettered; a free order's charge
// of zero succeeds and takes nothing.
func TestNonPositivePaymentIsDeclined(t *testing.T) {
	t.Parallel()
	store, db := openStore(t)
	paymenttest.SetBalance(t, store, "c1", 5000)
	require.NoError(t, deliver(t, store, string(payment.ProcessPayment), saga.NewID(), pay("c1", 0)))
	require.Equal(t, string(payment.PaymentProcessed), lastReply(t, db).Type)
	require.Nil(t, lastReply(t, db).Error)
	for _, cents := range []int64{-1, -5} {
		require.NoError(t, deliver(t, store, string(payment.ProcessPayment), saga.NewID(), pay("c1", cents)))
		reply := lastReply(t, db)
		require.Equal(t, string(payment.PaymentFailed), reply.Type)
		require.NotNil(t, reply.Error)
		require.Equal(t, payment.InvalidAmount(cents), reply.Error.Message)
		require.False(t, reply.Error.Retryable)
	}
	paymenttest.RequireBalance(t, store, "c1", 5000)
}

// A negative RefundPayment gives nothing back: its reply asks for
// it again, so the saga ends FAILED for an operator once its attempts are
// spent, with the reason.
func TestNonPositiveRefundIsRefused(t *testing.T) {
	t.Parallel()
	store, db := openStore(t)
	paymenttest.SetBalance(t, store, "c1", 5000)
	sagaID := saga.NewID()
	require.NoError(t, deliver(t, store, string(payment.ProcessPayment), sagaID, pay("c1", 1200)))
	for _, cents := range []int64{-1, -1200} {
		require.NoError(t, deliver(t, store, string(payment.RefundPayment), sagaID, pay("c1", cents)))
		reply := lastReply(t, db)
		require.Equal(t, string(payment.PaymentRefunded), reply.Type)
		require.NotNil(t, reply.Error)
		require.True(t, reply.Error.Retryable)
		require.Contains(t, reply.Error.Message, payment.InvalidAmount(cents))
	}
	paymenttest.RequireBalance(t, store, "c1", 3800)
	require.NoError(t, deliver(t, store, string(payment.RefundPayment), sagaID, pay("c1", 1200)))
	paymenttest.RequireBalance(t, store, "c1", 5000)
}
