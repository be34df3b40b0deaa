package sdktest

import (
	"testing"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/saga/pg"
	"github.com/streamsaga/streamsaga/saga/testenv"
)

// Pool connects to a fresh database of the test's own, with search_path
// schema, and closes the pool when the test ends.
func Pool(t *testing.T, schema string) *pgxpool.Pool {
	t.Helper()
	pool, err := pg.Connect(t.Context(), testenv.Database(t), schema)
	require.NoError(t, err)
	t.Cleanup(pool.Close)
	return pool
}
