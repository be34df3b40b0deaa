package dev

import (
	"path/filepath"
	"testing"

	"github.com/streamsaga/streamsaga/orchestrator/orderstore/orderpg"
	"github.com/streamsaga/streamsaga/orchestrator/orderstore/ordersqlite"

	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/examples/trip/participants/bookings"
	"github.com/streamsaga/streamsaga/participants/host"
	"github.com/streamsaga/streamsaga/participants/inventory/inventorypg"
	"github.com/streamsaga/streamsaga/participants/inventory/inventorysqlite"
	"github.com/streamsaga/streamsaga/participants/payment/paymentpg"
	"github.com/streamsaga/streamsaga/participants/payment/paymentsqlite"
	"github.com/streamsaga/streamsaga/participants/sdk/sdkpg"
	"github.com/streamsaga/streamsaga/participants/sdk/sdksqlite"
	"github.com/streamsaga/streamsaga/saga/backend"
	"github.com/streamsaga/streamsaga/saga/driver/pgdriver"
	"github.com/streamsaga/streamsaga/saga/driver/sqlitedriver"
	"github.com/streamsaga/streamsaga/saga/pg"
	"github.com/streamsaga/streamsaga/saga/sqlite"
)

// otherDB is a database of a driver the dev mode does not know.
type otherDB struct{ backend.DB }

// Each service's store is the one of its database's driver.
func TestStoresFollowTheDriver(t *testing.T) {
	file, err := sqlite.Open(t.Context(), filepath.Join(t.TempDir(), "x.db"))
	require.NoError(t, err)
	defer file.Close()
	onSQLite, onPG := sqlite.NewBackend(file), pg.NewBackend(nil, "x")

	for db, want := range map[backend.DB][2]any{onSQLite: {sqlitedriver.New(file), ordersqlite.New(file)},
		onPG: {&pgdriver.Store{}, &orderpg.Store{}}} {
		b, err := orchestratorBackends(db, nil)
		require.NoError(t, err)
		require.IsType(t, want[0], b.Store)
		require.IsType(t, want[1], b.Orders)
	}
	for db, want := range map[backend.DB]any{onSQLite: &inventorysqlite.Store{}, onPG: &inventorypg.Store{}} {
		st, err := inventoryStore(host.Deps{DB: db})
		require.NoError(t, err)
		require.IsType(t, want, st)
	}
	for db, want := range map[backend.DB]any{onSQLite: &paymentsqlite.Store{}, onPG: &paymentpg.Store{}} {
		st, err := paymentStore(host.Deps{DB: db})
		require.NoError(t, err)
		require.IsType(t, want, st)
	}

	_, err = orchestratorBackends(otherDB{}, nil)
	require.ErrorContains(t, err, "no orchestrator store over a dev.otherDB")
	_, err = inventoryStore(host.Deps{DB: otherDB{}})
	require.ErrorContains(t, err, "no inventory store")
	_, err = paymentStore(host.Deps{DB: otherDB{}})
	require.ErrorContains(t, err, "no payment store")
}

// The example participants' store follows the driver too.
func TestExampleStoreFollowsTheDriver(t *testing.T) {
	file, err := sqlite.Open(t.Context(), filepath.Join(t.TempDir(), "x.db"))
	require.NoError(t, err)
	defer file.Close()
	for db, want := range map[backend.DB]any{sqlite.NewBackend(file): sdksqlite.Store[bookings.Tx]{},
		pg.NewBackend(nil, "x"): sdkpg.Store[bookings.Tx]{}} {
		st, err := exampleStore(host.Deps{DB: db})
		require.NoError(t, err)
		require.IsType(t, want, st)
	}
	_, err = exampleStore(host.Deps{DB: otherDB{}})
	require.ErrorContains(t, err, "no example store")
}
