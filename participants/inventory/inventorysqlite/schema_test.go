package inventorysqlite_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/participants/inventory/inventorysqlite"
	"github.com/streamsaga/streamsaga/participants/inventory/inventorytest"
)

// TestConstraints writes around the store: the tables themselves refuse
// negative stock, lines that are not positive and values of the wrong type.
func TestConstraints(t *testing.T) {
	t.Parallel()
	db := openDB(t, dbPath(t))
	inventorytest.SetStock(t, inventorysqlite.New(db), "A", 1)
	for name, c := range map[string]struct{ stmt, want string }{
		"negative available": {`UPDATE stock SET available = -1 WHERE sku = 'A'`, "available >= 0"},
		"negative reserved":  {`UPDATE stock SET reserved = -1 WHERE sku = 'A'`, "reserved >= 0"},
		"empty sku":          {`INSERT INTO stock (sku, available, updated_at) VALUES ('', 1, 0)`, "sku <> ''"},
		"text available":     {`UPDATE stock SET available = 'many' WHERE sku = 'A'`, "cannot store TEXT value"},
		"zero quantity": {`INSERT INTO reservations (saga_id, sku, quantity, created_at)
			VALUES ('s', 'A', 0, 0)`, "quantity > 0"},
		"released not bool": {`INSERT INTO reservations (saga_id, sku, quantity, released, created_at)
			VALUES ('s', 'A', 1, 2, 0)`, "released IN (0, 1)"},
	} {
		_, err := db.SQL.ExecContext(t.Context(), c.stmt)
		require.ErrorContains(t, err, c.want, name)
	}
	inventorytest.RequireStock(t, inventorysqlite.New(db), "A", 1, 0)
}
