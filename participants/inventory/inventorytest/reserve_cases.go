package inventorytest

import (
	"math"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/participants/inventory"
	"github.com/streamsaga/streamsaga/saga"
)

func testReserve(t *testing.T, s inventory.Store) {
	SetStock(t, s, "A", 10)
	SetStock(t, s, "B", 5)
	require.Empty(t, Reserve(t, s, saga.NewID(), item("A", 2), item("B", 5)))
	RequireStock(t, s, "A", 8, 2)
	RequireStock(t, s, "B", 0, 5)
}

func testAllOrNothing(t *testing.T, s inventory.Store) {
	SetStock(t, s, "A", 10)
	SetStock(t, s, "B", 1)
	failure := Reserve(t, s, saga.NewID(), item("A", 2), item("B", 3))
	require.Equal(t, "insufficient stock for SKU B: requested 3, available 1", failure)
	RequireStock(t, s, "A", 10, 0)
	RequireStock(t, s, "B", 1, 0)
}

func testUnknownSKU(t *testing.T, s inventory.Store) {
	SetStock(t, s, "A", 10)
	failure := Reserve(t, s, saga.NewID(), item("A", 2), item("Z", 1))
	require.Equal(t, "unknown SKU Z", failure)
	RequireStock(t, s, "A", 10, 0)
}

func testAggregate(t *testing.T, s inventory.Store) {
	SetStock(t, s, "A", 4)
	failure := Reserve(t, s, saga.NewID(), item("A", 2), item("A", 3))
	require.Equal(t, "insufficient stock for SKU A: requested 5, available 4", failure, "2+3 is more than 4")
	RequireStock(t, s, "A", 4, 0)
	SetStock(t, s, "A", 5)
	require.Empty(t, Reserve(t, s, saga.NewID(), item("A", 2), item("A", 3)))
	RequireStock(t, s, "A", 0, 5)
}

func testBadQuantity(t *testing.T, s inventory.Store) {
	SetStock(t, s, "A", 4)
	require.NotEmpty(t, Reserve(t, s, saga.NewID(), item("A", 1), item("A", 0)))
	require.NotEmpty(t, Reserve(t, s, saga.NewID(), item("A", -1)))
	require.NotEmpty(t, Reserve(t, s, saga.NewID()), "no items")
	RequireStock(t, s, "A", 4, 0)
}

func testReserveTwice(t *testing.T, s inventory.Store) {
	SetStock(t, s, "A", 10)
	sagaID := saga.NewID()
	require.Empty(t, Reserve(t, s, sagaID, item("A", 3)))
	require.Empty(t, Reserve(t, s, sagaID, item("A", 3)), "already reserved: success, no change")
	RequireStock(t, s, "A", 7, 3)
}

// testQuantityOverflow: quantities of one SKU whose sum does not fit an
// int64 are a failure, never a sum that wrapped around.
func testQuantityOverflow(t *testing.T, s inventory.Store) {
	SetStock(t, s, "A", 10)
	failure := Reserve(t, s, saga.NewID(), item("A", math.MaxInt64), item("A", math.MaxInt64), item("A", 3))
	require.Equal(t, "quantity of SKU A is too large", failure)
	RequireStock(t, s, "A", 10, 0)
}
