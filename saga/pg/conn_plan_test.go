package pg_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/saga/pg"
	"github.com/streamsaga/streamsaga/saga/testenv"
)

func TestPoolKeepsPlansOnIndexes(t *testing.T) {
	t.Parallel()
	url := testenv.Database(t)
	ctx, cancel := context.WithTimeout(t.Context(), time.Minute)
	defer cancel()
	pool := connectTo(t, url)
	for _, name := range []string{"enable_seqscan", "enable_hashjoin", "enable_mergejoin", "jit"} {
		require.Equal(t, "off", setting(ctx, t, pool, name), name)
	}
	require.Equal(t, "force_generic_plan", setting(ctx, t, pool, "plan_cache_mode"))

	sep := "?"
	if strings.Contains(url, "?") {
		sep = "&"
	}
	own, err := pg.Connect(ctx, url+sep+"enable_hashjoin=on", testSchema)
	require.NoError(t, err)
	defer own.Close()
	require.Equal(t, "on", setting(ctx, t, own, "enable_hashjoin"), "a setting named in the URL is kept")
	require.Equal(t, "off", setting(ctx, t, own, "enable_seqscan"))
}

func setting(ctx context.Context, t *testing.T, pool *pgxpool.Pool, name string) string {
	t.Helper()
	var v string
	require.NoError(t, pool.QueryRow(ctx, "SELECT current_setting($1)", name).Scan(&v))
	return v
}

// TestStatementPreparedOnAnEmptyTableUsesTheIndexOnceItGrows prepares a
// batch lookup of barrier records while the table is empty, runs it often
// enough for a generic plan to be considered, fills the table and checks
// the plan the next run would use: the cached generic plan, walking the
// index, on the pool's connections (under the server's defaults it is a
// hash join over a sequential scan of the whole table).
func TestStatementPreparedOnAnEmptyTableUsesTheIndexOnceItGrows(t *testing.T) {
	t.Parallel()
	pool := connect(t)
	ctx, cancel := context.WithTimeout(t.Context(), time.Minute)
	defer cancel()
	plan, custom := planAfterGrowth(ctx, t, pool)
	require.Contains(t, plan, "Index", plan)
	require.NotContains(t, plan, "Seq Scan on barrier", plan)
	require.Zero(t, custom, "statements planned for their arguments")
}

// planAfterGrowth returns the plan and how many times the statement was
// planned for its arguments.
func planAfterGrowth(ctx context.Context, t *testing.T, pool *pgxpool.Pool) (string, int64) {
	t.Helper()
	conn, err := pool.Acquire(ctx)
	require.NoError(t, err)
	defer conn.Release()
	_, err = conn.Exec(ctx, `PREPARE lookup(uuid[], text[]) AS
SELECT b.saga_id FROM barrier b WHERE (b.saga_id, b.step) IN (SELECT * FROM unnest($1, $2))`)
	require.NoError(t, err)
	defer conn.Exec(context.WithoutCancel(ctx), "DEALLOCATE lookup") //nolint:errcheck
	for range 8 {
		_, err := conn.Exec(ctx, "EXECUTE lookup(ARRAY[gen_random_uuid()], ARRAY['s'])")
		require.NoError(t, err)
	}
	_, err = conn.Exec(ctx, "INSERT INTO barrier (saga_id, step) SELECT gen_random_uuid(), 's' FROM generate_series(1, 20000)")
	require.NoError(t, err)
	rows, err := conn.Query(ctx, "EXPLAIN EXECUTE lookup(ARRAY[gen_random_uuid(), gen_random_uuid()], ARRAY['s', 's'])")
	require.NoError(t, err)
	var lines []string
	for rows.Next() {
		var l string
		require.NoError(t, rows.Scan(&l))
		lines = append(lines, l)
	}
	require.NoError(t, rows.Err())
	var custom int64
	require.NoError(t, conn.QueryRow(ctx, "SELECT custom_plans FROM pg_prepared_statements WHERE name = 'lookup'").Scan(&custom))
	return strings.Join(lines, "\n"), custom
}
