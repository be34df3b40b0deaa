package driverenv

import (
	"database/sql"
	"path/filepath"
	"testing"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/jackc/pgx/v5/stdlib"
	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/saga/driver"
	"github.com/streamsaga/streamsaga/saga/driver/pgdriver"
	"github.com/streamsaga/streamsaga/saga/driver/sqlitedriver"
	"github.com/streamsaga/streamsaga/saga/pg"
	"github.com/streamsaga/streamsaga/saga/sqlite"
	"github.com/streamsaga/streamsaga/saga/testenv"
)

// Env is a fresh orchestrator database and the engine's store over it.
type Env struct {
	// SQL reads and writes the database's tables directly.
	SQL *sql.DB
	// Pool is the database on PostgreSQL (search_path=orchestrator); nil
	// on SQLite.
	Pool *pgxpool.Pool
	// File is the database on SQLite; nil on PostgreSQL.
	File  *sqlite.DB
	Store driver.Store
}

// New opens a fresh orchestrator database on PostgreSQL when it answers,
// else an SQLite file, closed when t ends. Tests of an application's own
// tables create them on Pool or File.
func New(t *testing.T) Env {
	t.Helper()
	if testenv.HasPostgres() {
		pool, err := pg.Connect(t.Context(), testenv.Database(t), pgdriver.Schema)
		require.NoError(t, err)
		t.Cleanup(pool.Close)
		db := stdlib.OpenDBFromPool(pool)
		t.Cleanup(func() { _ = db.Close() })
		return Env{SQL: db, Pool: pool, Store: pgdriver.New(pool)}
	}
	db, err := sqlitedriver.Open(t.Context(), filepath.Join(t.TempDir(), "orchestrator.db"))
	require.NoError(t, err)
	t.Cleanup(func() { _ = db.Close() })
	return Env{SQL: db.SQL, File: db, Store: sqlitedriver.New(db)}
}

// Open opens a fresh orchestrator store, as New does; db reads its tables
// directly.
func Open(t *testing.T) (*sql.DB, driver.Store) {
	t.Helper()
	e := New(t)
	return e.SQL, e.Store
}
