package inventorysqlite_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/participants/inventory"
	"github.com/streamsaga/streamsaga/participants/inventory/inventorysqlite"
	"github.com/streamsaga/streamsaga/participants/inventory/inventorytest"
)

func TestStore(t *testing.T) {
	t.Parallel()
	inventorytest.RunStore(t, func(t *testing.T) inventory.Store {
		return inventorysqlite.New(openDB(t, dbPath(t)))
	})
}

func TestPing(t *testing.T) {
	t.Parallel()
	db := openDB(t, dbPath(t))
	s := inventorysqlite.New(db)
	require.NoError(t, s.Ping(t.Context()))
	require.NoError(t, db.Close())
	require.ErrorContains(t, s.Ping(t.Context()), "pinging SQLite")
}

func TestOpenWithoutPath(t *testing.T) {
	t.Parallel()
	_, err := inventorysqlite.Open(t.Context(), "")
	require.ErrorContains(t, err, "opening inventory database")
}
