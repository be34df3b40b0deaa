package inventorytest

import (
	"context"
	"errors"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/participants/inventory"
	"github.com/streamsaga/streamsaga/participants/sdk/sdktest"
	"github.com/streamsaga/streamsaga/saga"
)

func testSetAndGet(t *testing.T, s inventory.Store) {
	st, err := s.SetStock(sdktest.Context(t), "A", 10)
	require.NoError(t, err)
	require.Equal(t, inventory.Stock{SKU: "A", Available: 10}, st)
	RequireStock(t, s, "A", 10, 0)
	SetStock(t, s, "A", 3)
	RequireStock(t, s, "A", 3, 0)
}

func testGetUnknown(t *testing.T, s inventory.Store) {
	_, err := s.GetStock(sdktest.Context(t), "nope")
	require.ErrorIs(t, err, saga.ErrNotFound)
}

func testSetNegative(t *testing.T, s inventory.Store) {
	_, err := s.SetStock(sdktest.Context(t), "A", -1)
	require.ErrorIs(t, err, inventory.ErrInvalid)
	_, err = s.GetStock(sdktest.Context(t), "A")
	require.ErrorIs(t, err, saga.ErrNotFound, "nothing stored")
}

func testSetKeepsReserved(t *testing.T, s inventory.Store) {
	SetStock(t, s, "A", 10)
	require.Empty(t, Reserve(t, s, saga.NewID(), item("A", 4)))
	st, err := s.SetStock(sdktest.Context(t), "A", 20)
	require.NoError(t, err)
	require.Equal(t, inventory.Stock{SKU: "A", Available: 20, Reserved: 4}, st)
}

var errRollback = errors.New("roll back on purpose")

func testRollback(t *testing.T, s inventory.Store) {
	SetStock(t, s, "A", 10)
	sagaID := saga.NewID()
	var failure string
	err := s.InTx(sdktest.Context(t), func(ctx context.Context, tx inventory.Tx) error {
		var err error
		if failure, err = tx.Reserve(ctx, sagaID, []inventory.Item{item("A", 4)}); err != nil {
			return err
		}
		return errRollback
	})
	require.ErrorIs(t, err, errRollback)
	require.Empty(t, failure)
	RequireStock(t, s, "A", 10, 0)
	require.Empty(t, Reserve(t, s, sagaID, item("A", 4)), "the saga has no reservation after the rollback")
	RequireStock(t, s, "A", 6, 4)
}
