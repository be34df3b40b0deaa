package paymenttest

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/participants/payment"
	"github.com/streamsaga/streamsaga/participants/sdk/sdktest"
	"github.com/streamsaga/streamsaga/saga"
)

// testChargeMany checks that ChargeMany answers and charges as Charge one
// after the other would: earlier charges leave less for later ones, a saga
// charged before (or earlier in the call) is not charged again, a refunded
// one is declined, and bad requests fail alone.
func testChargeMany(t *testing.T, s payment.Store) {
	SetBalance(t, s, "c1", 1000)
	SetBalance(t, s, "c2", 300)
	paid, refunded := saga.NewID(), saga.NewID()
	require.Empty(t, Charge(t, s, paid, "c1", 100))
	require.Empty(t, Charge(t, s, refunded, "c2", 100))
	Refund(t, s, refunded)
	s1, s2, s3, s4, s5, s6 := saga.NewID(), saga.NewID(), saga.NewID(), saga.NewID(), saga.NewID(), saga.NewID()
	reqs := []payment.Charge{
		{SagaID: s1, CustomerID: "c1", AmountCents: 600},
		{SagaID: s2, CustomerID: "c1", AmountCents: 400},
		{SagaID: s3, CustomerID: "c2", AmountCents: 300},
		{SagaID: paid, CustomerID: "c1", AmountCents: 100},
		{SagaID: refunded, CustomerID: "c2", AmountCents: 100},
		{SagaID: s1, CustomerID: "c1", AmountCents: 600},
		{SagaID: s4, CustomerID: "nobody", AmountCents: 1},
		{SagaID: s5, CustomerID: "c1", AmountCents: -1},
		{SagaID: s6, CustomerID: "c1", AmountCents: 300},
	}
	failures := sdktest.MustInTx(t, s, func(ctx context.Context, tx payment.Tx) ([]string, error) {
		return tx.ChargeMany(ctx, reqs)
	})
	require.Equal(t, []string{
		"",
		payment.ReasonInsufficientFunds,
		"",
		"",
		payment.ReasonRefunded,
		"",
		payment.UnknownAccount("nobody"),
		payment.InvalidAmount(-1),
		"",
	}, failures)
	RequireBalance(t, s, "c1", 0)
	RequireBalance(t, s, "c2", 0)

	Refund(t, s, s1)
	RequireBalance(t, s, "c1", 600)
	Refund(t, s, s3)
	RequireBalance(t, s, "c2", 300)
	require.Empty(t, Charge(t, s, s2, "c1", 400), "a declined request was not charged")
	RequireBalance(t, s, "c1", 200)
}

// testChargeManyRollsBack checks that a rolled-back ChargeMany leaves the
// balances and payments as they were.
func testChargeManyRollsBack(t *testing.T, s payment.Store) {
	SetBalance(t, s, "c1", 1000)
	s1, s2 := saga.NewID(), saga.NewID()
	var failures []string
	sdktest.RollBack(t, s, func(ctx context.Context, tx payment.Tx) error {
		var err error
		failures, err = tx.ChargeMany(ctx, []payment.Charge{
			{SagaID: s1, CustomerID: "c1", AmountCents: 400}, {SagaID: s2, CustomerID: "c1", AmountCents: 400},
		})
		return err
	})
	require.Equal(t, []string{"", ""}, failures)
	RequireBalance(t, s, "c1", 1000)
	require.Empty(t, Charge(t, s, s1, "c1", 1000), "the saga was not charged after the rollback")
	RequireBalance(t, s, "c1", 0)
}
