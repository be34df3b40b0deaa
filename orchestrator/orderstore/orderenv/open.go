package orderenv

import (
	"database/sql"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/orchestrator/orderstore"
	"github.com/streamsaga/streamsaga/orchestrator/orderstore/orderpg"
	"github.com/streamsaga/streamsaga/orchestrator/orderstore/ordersqlite"
	"github.com/streamsaga/streamsaga/saga/driver"
	"github.com/streamsaga/streamsaga/saga/driver/driverenv"
)

// Open opens a fresh orchestrator database (PostgreSQL when it answers,
// else an SQLite file, closed when t ends) and returns db, which reads its
// tables directly, the engine's store and the order store over it.
func Open(t *testing.T) (*sql.DB, driver.Store, orderstore.Store) {
	t.Helper()
	e := driverenv.New(t)
	if e.File != nil {
		require.NoError(t, ordersqlite.CreateTables(t.Context(), e.File.SQL))
		return e.SQL, e.Store, ordersqlite.New(e.File)
	}
	return e.SQL, e.Store, orderpg.New(e.Pool) // schema.sql made the order table
}
