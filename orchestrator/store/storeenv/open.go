package storeenv

import (
	"database/sql"
	"path/filepath"
	"testing"

	"github.com/jackc/pgx/v5/stdlib"
	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/orchestrator/store"
	"github.com/streamsaga/streamsaga/orchestrator/store/pgstore"
	"github.com/streamsaga/streamsaga/orchestrator/store/sqlitestore"
	"github.com/streamsaga/streamsaga/saga/pg"
	"github.com/streamsaga/streamsaga/saga/testenv"
)

// Open opens a fresh orchestrator store on PostgreSQL when it answers,
// else on an SQLite file; db reads its tables directly. Both are closed
// when t ends.
func Open(t *testing.T) (*sql.DB, store.Store) {
	t.Helper()
	if testenv.HasPostgres() {
		pool, err := pg.Connect(t.Context(), testenv.Database(t), pgstore.Schema)
		require.NoError(t, err)
		t.Cleanup(pool.Close)
		db := stdlib.OpenDBFromPool(pool)
		t.Cleanup(func() { _ = db.Close() })
		return db, pgstore.New(pool)
	}
	db, err := sqlitestore.Open(t.Context(), filepath.Join(t.TempDir(), "orchestrator.db"))
	require.NoError(t, err)
	t.Cleanup(func() { _ = db.Close() })
	return db.SQL, sqlitestore.New(db)
}
