package paymenttest

import (
	"context"
	"math"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/participants/payment"
	"github.com/streamsaga/streamsaga/participants/sdk/sdktest"
	"github.com/streamsaga/streamsaga/saga"
)

// testNonPositiveAmount: a negative charge is declined, alone or in
// ChargeMany, and takes nothing; a charge of zero (a free order) succeeds
// on an existing account, takes nothing, and is declined without one.
func testNonPositiveAmount(t *testing.T, s payment.Store) {
	SetBalance(t, s, "c1", 500)
	require.Equal(t, payment.InvalidAmount(-1), Charge(t, s, saga.NewID(), "c1", -1))
	require.Empty(t, Charge(t, s, saga.NewID(), "c1", 0))
	require.Equal(t, payment.UnknownAccount("c9"), Charge(t, s, saga.NewID(), "c9", 0))
	failures := sdktest.MustInTx(t, s, func(ctx context.Context, tx payment.Tx) ([]string, error) {
		return tx.ChargeMany(ctx, []payment.Charge{{SagaID: saga.NewID(), CustomerID: "c1", AmountCents: 0},
			{SagaID: saga.NewID(), CustomerID: "c1", AmountCents: math.MinInt64}})
	})
	require.Equal(t, []string{"", payment.InvalidAmount(math.MinInt64)}, failures)
	RequireBalance(t, s, "c1", 500)
}

// testRefundOverflow: a refund that would take the balance past the
// largest int64 fails with ErrBalanceOverflow and changes nothing; once
// the balance is lower it goes through.
func testRefundOverflow(t *testing.T, s payment.Store) {
	SetBalance(t, s, "c1", 1000)
	sagaID := saga.NewID()
	require.Empty(t, Charge(t, s, sagaID, "c1", 600))
	SetBalance(t, s, "c1", math.MaxInt64-100)
	err := s.InTx(sdktest.Context(t), func(ctx context.Context, tx payment.Tx) error { return tx.Refund(ctx, sagaID) })
	require.ErrorIs(t, err, payment.ErrBalanceOverflow)
	RequireBalance(t, s, "c1", math.MaxInt64-100)
	SetBalance(t, s, "c1", math.MaxInt64-600)
	Refund(t, s, sagaID)
	RequireBalance(t, s, "c1", math.MaxInt64)
}
