package paymenttest

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/participants/payment"
	"github.com/streamsaga/streamsaga/participants/sdk"
	"github.com/streamsaga/streamsaga/participants/sdk/sdktest"
)

// RunStore runs the suite, its cases in parallel. newStore must return an
// empty store of its own for each call.
func RunStore(t *testing.T, newStore func(t *testing.T) payment.Store) {
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			c.run(t, newStore(t))
		})
	}
	t.Run("Messaging", func(t *testing.T) {
		sdktest.RunTx(t, func(t *testing.T) sdk.Store[payment.Tx] { return newStore(t) })
	})
}

var cases = []struct {
	name string
	run  func(t *testing.T, s payment.Store)
}{
	{"SetAndGetAccount", testSetAndGet},
	{"UnknownAccountNotFound", testGetUnknown},
	{"NegativeBalanceInvalid", testSetNegative},
	{"ChargeDebits", testCharge},
	{"ChargeWholeBalance", testChargeAll},
	{"DeclineInsufficientFunds", testInsufficient},
	{"DeclineUnknownAccount", testUnknownAccount},
	{"DeclineNegativeAmount", testNegativeAmount},
	{"NoDoubleCharge", testNoDoubleCharge},
	{"RefundOnce", testRefundOnce},
	{"RefundWithoutCharge", testRefundNothing},
	{"ChargeAfterRefundFails", testChargeAfterRefund},
	{"RollbackUndoesCharge", testRollback},
	{"ConcurrentChargesNeverOverdraw", testConcurrent},
}

// Charge runs Charge in its own transaction and returns its failure.
func Charge(t *testing.T, s payment.Store, sagaID, customerID string, amount int64) string {
	t.Helper()
	failure, err := chargeOnce(sdktest.Context(t), s, sagaID, customerID, amount)
	require.NoError(t, err)
	return failure
}

func chargeOnce(ctx context.Context, s payment.Store, sagaID, customerID string, amount int64) (string, error) {
	var failure string
	err := s.InTx(ctx, func(ctx context.Context, tx payment.Tx) error {
		var err error
		failure, err = tx.Charge(ctx, sagaID, customerID, amount)
		return err
	})
	return failure, err
}

// Refund runs Refund in its own transaction.
func Refund(t *testing.T, s payment.Store, sagaID string) {
	t.Helper()
	err := s.InTx(sdktest.Context(t), func(ctx context.Context, tx payment.Tx) error {
		return tx.Refund(ctx, sagaID)
	})
	require.NoError(t, err)
}

// SetBalance sets the balance of customerID.
func SetBalance(t *testing.T, s payment.Store, customerID string, cents int64) {
	t.Helper()
	_, err := s.SetBalance(sdktest.Context(t), customerID, cents)
	require.NoError(t, err)
}

// RequireBalance asserts the balance of customerID.
func RequireBalance(t *testing.T, s payment.Store, customerID string, cents int64) {
	t.Helper()
	acc, err := s.GetAccount(sdktest.Context(t), customerID)
	require.NoError(t, err)
	require.Equal(t, payment.Account{CustomerID: customerID, BalanceCents: cents}, acc)
}
