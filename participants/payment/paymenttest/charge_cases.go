package paymenttest

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/participants/payment"
	"github.com/streamsaga/streamsaga/participants/sdk/sdktest"
	"github.com/streamsaga/streamsaga/saga"
)

func testCharge(t *testing.T, s payment.Store) {
	SetBalance(t, s, "c1", 5000)
	require.Empty(t, Charge(t, s, saga.NewID(), "c1", 1250))
	RequireBalance(t, s, "c1", 3750)
}

func testChargeAll(t *testing.T, s payment.Store) {
	SetBalance(t, s, "c1", 500)
	require.Empty(t, Charge(t, s, saga.NewID(), "c1", 500))
	RequireBalance(t, s, "c1", 0)
}

func testInsufficient(t *testing.T, s payment.Store) {
	SetBalance(t, s, "c1", 499)
	require.Equal(t, payment.ReasonInsufficientFunds, Charge(t, s, saga.NewID(), "c1", 500))
	RequireBalance(t, s, "c1", 499)
}

func testUnknownAccount(t *testing.T, s payment.Store) {
	require.Equal(t, "unknown account c9", Charge(t, s, saga.NewID(), "c9", 1))
	_, err := s.GetAccount(sdktest.Context(t), "c9")
	require.ErrorIs(t, err, saga.ErrNotFound, "no account was created")
}

func testNegativeAmount(t *testing.T, s payment.Store) {
	SetBalance(t, s, "c1", 500)
	require.NotEmpty(t, Charge(t, s, saga.NewID(), "c1", -100))
	RequireBalance(t, s, "c1", 500)
}

func testNoDoubleCharge(t *testing.T, s payment.Store) {
	SetBalance(t, s, "c1", 5000)
	sagaID := saga.NewID()
	require.Empty(t, Charge(t, s, sagaID, "c1", 1000))
	require.Empty(t, Charge(t, s, sagaID, "c1", 1000), "charged already: success, no change")
	RequireBalance(t, s, "c1", 4000)
}

func testRefundOnce(t *testing.T, s payment.Store) {
	SetBalance(t, s, "c1", 5000)
	sagaID := saga.NewID()
	require.Empty(t, Charge(t, s, sagaID, "c1", 1000))
	Refund(t, s, sagaID)
	RequireBalance(t, s, "c1", 5000)
	Refund(t, s, sagaID)
	RequireBalance(t, s, "c1", 5000)
}

func testRefundNothing(t *testing.T, s payment.Store) {
	SetBalance(t, s, "c1", 5000)
	require.Empty(t, Charge(t, s, saga.NewID(), "c1", 1000))
	Refund(t, s, saga.NewID())
	RequireBalance(t, s, "c1", 4000)
}

func testChargeAfterRefund(t *testing.T, s payment.Store) {
	SetBalance(t, s, "c1", 5000)
	sagaID := saga.NewID()
	require.Empty(t, Charge(t, s, sagaID, "c1", 1000))
	Refund(t, s, sagaID)
	require.Equal(t, payment.ReasonRefunded, Charge(t, s, sagaID, "c1", 1000))
	RequireBalance(t, s, "c1", 5000)
}

// testConcurrent charges one account from many goroutines: exactly the
// balance is spent, never more.
func testConcurrent(t *testing.T, s payment.Store) {
	const sagas, balance = 16, 5
	SetBalance(t, s, "c1", balance)
	ok := sdktest.Concurrently(t, sagas, func(ctx context.Context, _ int) (string, error) {
		return sdktest.InTx(ctx, s, charge(saga.NewID(), "c1", 1))
	})
	require.Equal(t, balance, ok)
	RequireBalance(t, s, "c1", 0)
}

func testRollback(t *testing.T, s payment.Store) {
	SetBalance(t, s, "c1", 1000)
	sagaID := saga.NewID()
	var failure string
	sdktest.RollBack(t, s, func(ctx context.Context, tx payment.Tx) error {
		var err error
		failure, err = charge(sagaID, "c1", 400)(ctx, tx)
		return err
	})
	require.Empty(t, failure)
	RequireBalance(t, s, "c1", 1000)
	require.Empty(t, Charge(t, s, sagaID, "c1", 400), "the saga was not charged after the rollback")
	RequireBalance(t, s, "c1", 600)
}
