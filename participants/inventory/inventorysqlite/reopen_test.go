package inventorysqlite_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/participants/inventory"
	"github.com/streamsaga/streamsaga/participants/inventory/inventorysqlite"
	"github.com/streamsaga/streamsaga/participants/inventory/inventorytest"
	"github.com/streamsaga/streamsaga/saga"
)

// TestReopenKeepsData closes the file and opens it again (applying the DDL
// a second time): the stock and the reservation are still there, so
// reserving again for the saga changes nothing and its release restores
// the units.
func TestReopenKeepsData(t *testing.T) {
	t.Parallel()
	path := dbPath(t)
	db := openDB(t, path)
	s := inventorysqlite.New(db)
	inventorytest.SetStock(t, s, "A", 10)
	sagaID := saga.NewID()
	require.Empty(t, inventorytest.Reserve(t, s, sagaID, inventory.Item{SKU: "A", Quantity: 4}))
	require.NoError(t, db.Close())

	s = inventorysqlite.New(openDB(t, path))
	inventorytest.RequireStock(t, s, "A", 6, 4)
	require.Empty(t, inventorytest.Reserve(t, s, sagaID, inventory.Item{SKU: "A", Quantity: 4}), "the reservation was kept")
	inventorytest.RequireStock(t, s, "A", 6, 4)
	inventorytest.Release(t, s, sagaID)
	inventorytest.RequireStock(t, s, "A", 10, 0)
}
