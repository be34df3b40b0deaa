package inventory_test

import (
	"net/http"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/participants/inventory"
	"github.com/streamsaga/streamsaga/participants/inventory/inventorypg"
	"github.com/streamsaga/streamsaga/participants/inventory/inventorysqlite"
	"github.com/streamsaga/streamsaga/participants/inventory/inventorytest"
	"github.com/streamsaga/streamsaga/participants/resource/resourcetest"
	"github.com/streamsaga/streamsaga/participants/sdk/sdktest"
	"github.com/streamsaga/streamsaga/saga"
	"github.com/streamsaga/streamsaga/saga/httpx"
	"github.com/streamsaga/streamsaga/saga/testenv"
)

// newStore opens the inventory store on PostgreSQL when it answers, else on
// a SQLite file.
func newStore(t *testing.T) inventory.Store {
	t.Helper()
	if testenv.HasPostgres() {
		return inventorypg.New(sdktest.Pool(t, inventorypg.Schema))
	}
	db, err := inventorysqlite.Open(t.Context(), filepath.Join(t.TempDir(), "inventory.db"))
	require.NoError(t, err)
	t.Cleanup(func() { _ = db.Close() })
	return inventorysqlite.New(db)
}

// newServer serves the API over store and returns its base URL.
func newServer(t *testing.T, store inventory.Store, checks ...httpx.Check) string {
	return resourcetest.Serve(t, inventory.NewHandler(store, resourcetest.QuietLogger(), checks...))
}

func TestStockAPI(t *testing.T) {
	t.Parallel()
	resourcetest.Run(t, resourcetest.API{
		Serve:      func(t *testing.T, checks ...httpx.Check) string { return newServer(t, newStore(t), checks...) },
		ServeDown:  func(t *testing.T) string { return newServer(t, inventorypg.New(resourcetest.DeadPool(t))) },
		Collection: "/stock", Param: "sku", Field: "available", Extra: "reserved", NotFound: `{"error":"unknown sku"}`,
		Key: "A", Value: 10, Record: `{"sku":"A","available":10,"reserved":0}`,
	})
}

func TestPutStockKeepsReserved(t *testing.T) {
	t.Parallel()
	store := newStore(t)
	url := newServer(t, store) + "/stock/A"
	inventorytest.SetStock(t, store, "A", 10)
	require.Empty(t, inventorytest.Reserve(t, store, saga.NewID(), inventory.Item{SKU: "A", Quantity: 4}))

	body := resourcetest.RequireCall(t, http.StatusOK, http.MethodPut, url, `{"available": 2}`)
	require.JSONEq(t, `{"sku":"A","available":2,"reserved":4}`, body, "reserved units are kept")
	body = resourcetest.RequireCall(t, http.StatusOK, http.MethodGet, url, "")
	require.JSONEq(t, `{"sku":"A","available":2,"reserved":4}`, body)
}
