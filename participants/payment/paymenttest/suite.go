package paymenttest

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/participants/payment"
	"github.com/streamsaga/streamsaga/participants/resource/resourcetest"
	"github.com/streamsaga/streamsaga/participants/sdk/sdktest"
)

// RunStore runs the suite, its cases in parallel (the records of the HTTP
// resource among them), then the SDK's messaging suite. newStore must
// return an empty store of its own for each call.
func RunStore(t *testing.T, newStore func(t *testing.T) payment.Store) {
	sdktest.RunStore[payment.Tx](t, newStore, cases)
}

func account(customerID string, balanceCents int64) payment.Account {
	return payment.Account{CustomerID: customerID, BalanceCents: balanceCents}
}

var cases = append(resourcetest.RecordCases(payment.Resource, account), []sdktest.Case[payment.Store]{
	{Name: "ChargeDebits", Run: testCharge},
	{Name: "ChargeWholeBalance", Run: testChargeAll},
	{Name: "DeclineInsufficientFunds", Run: testInsufficient},
	{Name: "DeclineUnknownAccount", Run: testUnknownAccount},
	{Name: "DeclineNegativeAmount", Run: testNegativeAmount},
	{Name: "DeclineNonPositiveAmount", Run: testNonPositiveAmount},
	{Name: "NoDoubleCharge", Run: testNoDoubleCharge},
	{Name: "ChargeManyIsChargeInOrder", Run: testChargeMany},
	{Name: "ChargeManyRollsBack", Run: testChargeManyRollsBack},
	{Name: "RefundOnce", Run: testRefundOnce},
	{Name: "RefundWithoutCharge", Run: testRefundNothing},
	{Name: "RefundOverflowRefused", Run: testRefundOverflow},
	{Name: "ChargeAfterRefundFails", Run: testChargeAfterRefund},
	{Name: "RollbackUndoesCharge", Run: testRollback},
	{Name: "ConcurrentChargesNeverOverdraw", Run: testConcurrent},
}...)

// Charge runs Charge in its own transaction and returns its failure.
func Charge(t *testing.T, s payment.Store, sagaID, customerID string, amount int64) string {
	t.Helper()
	return sdktest.MustInTx(t, s, charge(sagaID, customerID, amount))
}

func charge(sagaID, customerID string, amount int64) func(context.Context, payment.Tx) (string, error) {
	return func(ctx context.Context, tx payment.Tx) (string, error) {
		return tx.Charge(ctx, sagaID, customerID, amount)
	}
}

// Refund runs Refund in its own transaction.
func Refund(t *testing.T, s payment.Store, sagaID string) {
	t.Helper()
	sdktest.Exec(t, s, func(ctx context.Context, tx payment.Tx) error { return tx.Refund(ctx, sagaID) })
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
	require.Equal(t, account(customerID, cents), acc)
}
