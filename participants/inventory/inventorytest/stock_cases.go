package inventorytest

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/participants/inventory"
	"github.com/streamsaga/streamsaga/participants/sdk/sdktest"
	"github.com/streamsaga/streamsaga/saga"
)

func testSetKeepsReserved(t *testing.T, s inventory.Store) {
	SetStock(t, s, "A", 10)
	require.Empty(t, Reserve(t, s, saga.NewID(), item("A", 4)))
	st, err := s.SetStock(sdktest.Context(t), "A", 20)
	require.NoError(t, err)
	require.Equal(t, inventory.Stock{SKU: "A", Available: 20, Reserved: 4}, st)
}

func testRollback(t *testing.T, s inventory.Store) {
	SetStock(t, s, "A", 10)
	sagaID := saga.NewID()
	var failure string
	sdktest.RollBack(t, s, func(ctx context.Context, tx inventory.Tx) error {
		var err error
		failure, err = reserve(sagaID, []inventory.Item{item("A", 4)})(ctx, tx)
		return err
	})
	require.Empty(t, failure)
	RequireStock(t, s, "A", 10, 0)
	require.Empty(t, Reserve(t, s, sagaID, item("A", 4)), "the saga has no reservation after the rollback")
	RequireStock(t, s, "A", 6, 4)
}
