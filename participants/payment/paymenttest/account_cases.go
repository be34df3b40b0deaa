package paymenttest

import (
	"context"
	"errors"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/participants/payment"
	"github.com/streamsaga/streamsaga/participants/sdk/sdktest"
	"github.com/streamsaga/streamsaga/saga"
)

func testSetAndGet(t *testing.T, s payment.Store) {
	acc, err := s.SetBalance(sdktest.Context(t), "c1", 5000)
	require.NoError(t, err)
	require.Equal(t, payment.Account{CustomerID: "c1", BalanceCents: 5000}, acc)
	RequireBalance(t, s, "c1", 5000)
	SetBalance(t, s, "c1", 0)
	RequireBalance(t, s, "c1", 0)
}

func testGetUnknown(t *testing.T, s payment.Store) {
	_, err := s.GetAccount(sdktest.Context(t), "nobody")
	require.ErrorIs(t, err, saga.ErrNotFound)
}

func testSetNegative(t *testing.T, s payment.Store) {
	_, err := s.SetBalance(sdktest.Context(t), "c1", -1)
	require.ErrorIs(t, err, payment.ErrInvalid)
	_, err = s.GetAccount(sdktest.Context(t), "c1")
	require.ErrorIs(t, err, saga.ErrNotFound, "nothing stored")
}

var errRollback = errors.New("roll back on purpose")

func testRollback(t *testing.T, s payment.Store) {
	SetBalance(t, s, "c1", 1000)
	sagaID := saga.NewID()
	var failure string
	err := s.InTx(sdktest.Context(t), func(ctx context.Context, tx payment.Tx) error {
		var err error
		if failure, err = tx.Charge(ctx, sagaID, "c1", 400); err != nil {
			return err
		}
		return errRollback
	})
	require.ErrorIs(t, err, errRollback)
	require.Empty(t, failure)
	RequireBalance(t, s, "c1", 1000)
	require.Empty(t, Charge(t, s, sagaID, "c1", 400), "the saga was not charged after the rollback")
	RequireBalance(t, s, "c1", 600)
}
