package pg

import (
	"context"
	"testing"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/saga/testenv"
)

// filledPool returns a pool on the inventory schema of a fresh database,
// closed when t ends, after running fill there.
func filledPool(ctx context.Context, t *testing.T, fill string) *pgxpool.Pool {
	t.Helper()
	pool, err := Connect(ctx, testenv.Database(t), "inventory")
	require.NoError(t, err)
	t.Cleanup(pool.Close)
	_, err = pool.Exec(ctx, fill)
	require.NoError(t, err)
	return pool
}
