package inventorypg_test

import (
	"testing"

	"github.com/streamsaga/streamsaga/participants/inventory"
	"github.com/streamsaga/streamsaga/participants/inventory/inventorypg"
	"github.com/streamsaga/streamsaga/participants/inventory/inventorytest"
	"github.com/streamsaga/streamsaga/saga/pg"
	"github.com/streamsaga/streamsaga/saga/testenv"
)

// newTestStore returns a store over a fresh database of its own.
func newTestStore(t *testing.T) inventory.Store {
	t.Helper()
	pool, err := pg.Connect(t.Context(), testenv.Database(t), inventorypg.Schema)
	if err != nil {
		t.Fatalf("connecting: %v", err)
	}
	t.Cleanup(pool.Close)
	return inventorypg.New(pool)
}

func TestStore(t *testing.T) {
	t.Parallel()
	inventorytest.RunStore(t, newTestStore)
}
