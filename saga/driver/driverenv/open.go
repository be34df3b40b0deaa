package driverenv

import (
	"database/sql"
	"path/filepath"
	"testing"

	"github.com/jackc/pgx/v5/stdlib"
	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/saga/driver"
	"github.com/streamsaga/streamsaga/saga/driver/pgdriver"
	"github.com/streamsaga/streamsaga/saga/driver/sqlitedriver"
	"github.com/streamsaga/streamsaga/saga/pg"
	"github.com/streamsaga/streamsaga/saga/testenv"
)

// Open opens a fresh orchestrator store on PostgreSQL when it answers,
// else on an SQLite file; db reads its tables directly. Both are closed
// when t ends.
func Open(t *testing.T) (*sql.DB, driver.Store) {
	t.Helper()
	if testenv.HasPostgres() {
		pool, err := pg.Connect(t.Context(), testenv.Database(t), pgdriver.Schema)
		require.NoError(t, err)
		t.Cleanup(pool.Close)
		db := stdlib.OpenDBFromPool(pool)
		t.Cleanup(func() { _ = db.Close() })
		return db, pgdriver.New(pool)
	}
	db, err := sqlitedriver.Open(t.Context(), filepath.Join(t.TempDir(), "orchestrator.db"))
	require.NoError(t, err)
	t.Cleanup(func() { _ = db.Close() })
	return db.SQL, sqlitedriver.New(db)
}
