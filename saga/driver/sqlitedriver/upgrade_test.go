package sqlitedriver_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/saga/driver/sqlitedriver"
)

// A file made before definition versions and parking gets their columns
// when it is opened, its sagas on version 1 and not parked.
func TestOpenAddsMissingColumns(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "orchestrator.db")
	db, err := sqlitedriver.Open(ctx, path)
	require.NoError(t, err)
	for _, stmt := range []string{
		`DROP INDEX sagas_finished`,
		`DROP INDEX sagas_parked`,
		`ALTER TABLE sagas DROP COLUMN parked`,
		`ALTER TABLE sagas DROP COLUMN definition_version`,
		`INSERT INTO sagas (id, type, state, data, steps, created_at, updated_at)
		 VALUES ('0b9e3d4c-1111-4a4a-8b8b-000000000001', 'order', 'RUNNING', '{}', '[]', 1, 1)`,
	} {
		_, err := db.SQL.ExecContext(ctx, stmt)
		require.NoError(t, err, stmt)
	}
	require.NoError(t, db.Close())

	db = open(t, path)
	var version int
	var parked string
	require.NoError(t, db.SQL.QueryRowContext(ctx, `SELECT definition_version, parked FROM sagas`).Scan(&version, &parked))
	require.Equal(t, 1, version)
	require.Empty(t, parked)
	var indexes int
	require.NoError(t, db.SQL.QueryRowContext(ctx,
		`SELECT count(*) FROM pragma_index_list('sagas') WHERE name IN ('sagas_parked', 'sagas_finished')`).Scan(&indexes))
	require.Equal(t, 2, indexes, "the indexes on the added columns")
}

// A file made before sagas kept their idempotency keys gets the columns and
// the unique index on the key when it is opened.
func TestOpenAddsTheIdempotencyKeyOfSagas(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "orchestrator.db")
	db, err := sqlitedriver.Open(ctx, path)
	require.NoError(t, err)
	for _, stmt := range []string{
		`DROP INDEX sagas_idempotency_key`,
		`ALTER TABLE sagas DROP COLUMN request_hash`,
		`ALTER TABLE sagas DROP COLUMN idempotency_key`,
	} {
		_, err := db.SQL.ExecContext(ctx, stmt)
		require.NoError(t, err, stmt)
	}
	require.NoError(t, db.Close())

	db = open(t, path)
	var unique int
	require.NoError(t, db.SQL.QueryRowContext(ctx,
		`SELECT "unique" FROM pragma_index_list('sagas') WHERE name = 'sagas_idempotency_key'`).Scan(&unique))
	require.Equal(t, 1, unique)
	var hash string
	_, err = db.SQL.ExecContext(ctx, `INSERT INTO sagas (id, type, state, data, steps, created_at, updated_at)
		VALUES ('0b9e3d4c-1111-4a4a-8b8b-000000000002', 'order', 'RUNNING', '{}', '[]', 1, 1)`)
	require.NoError(t, err)
	require.NoError(t, db.SQL.QueryRowContext(ctx, `SELECT request_hash FROM sagas`).Scan(&hash))
	require.Empty(t, hash)
}
