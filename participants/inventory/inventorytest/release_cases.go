package inventorytest

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/participants/inventory"
	"github.com/streamsaga/streamsaga/participants/sdk/sdktest"
	"github.com/streamsaga/streamsaga/saga"
)

func testRelease(t *testing.T, s inventory.Store) {
	SetStock(t, s, "A", 10)
	SetStock(t, s, "B", 5)
	sagaID := saga.NewID()
	require.Empty(t, Reserve(t, s, sagaID, item("A", 2), item("B", 5)))
	Release(t, s, sagaID)
	RequireStock(t, s, "A", 10, 0)
	RequireStock(t, s, "B", 5, 0)
	Release(t, s, sagaID)
	RequireStock(t, s, "A", 10, 0)
	RequireStock(t, s, "B", 5, 0)
}

func testReleaseNothing(t *testing.T, s inventory.Store) {
	SetStock(t, s, "A", 10)
	other := saga.NewID()
	require.Empty(t, Reserve(t, s, other, item("A", 2)))
	Release(t, s, saga.NewID())
	RequireStock(t, s, "A", 8, 2)
}

func testReserveAfterRelease(t *testing.T, s inventory.Store) {
	SetStock(t, s, "A", 10)
	sagaID := saga.NewID()
	require.Empty(t, Reserve(t, s, sagaID, item("A", 2)))
	Release(t, s, sagaID)
	require.Equal(t, inventory.ReasonReleased, Reserve(t, s, sagaID, item("A", 2)))
	RequireStock(t, s, "A", 10, 0)
}

// testConcurrent reserves one unit of A and one of B per saga, listing the
// SKUs in both orders, from many goroutines: exactly the stock is sold and
// no transaction deadlocks.
func testConcurrent(t *testing.T, s inventory.Store) {
	const sagas, stock = 16, 5
	SetStock(t, s, "A", stock)
	SetStock(t, s, "B", stock)
	ok := sdktest.Concurrently(t, sagas, func(ctx context.Context, i int) (string, error) {
		items := []inventory.Item{item("A", 1), item("B", 1)}
		if i%2 == 1 {
			items[0], items[1] = items[1], items[0]
		}
		return sdktest.InTx(ctx, s, reserve(saga.NewID(), items))
	})
	require.Equal(t, stock, ok)
	RequireStock(t, s, "A", 0, stock)
	RequireStock(t, s, "B", 0, stock)
}
