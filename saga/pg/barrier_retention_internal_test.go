package pg

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/stretchr/testify/require"
)

// fillBarrier stores 30,000 barrier records written within the last days
// and a hundred written forty days ago, with statistics taken.
const fillBarrier = `
INSERT INTO barrier (saga_id, step, action, updated_at)
SELECT gen_random_uuid(), 'reserve', 'SUCCEEDED',
       CASE WHEN i <= 100 THEN now() - interval '40 days' ELSE now() - i * interval '10 seconds' END
  FROM generate_series(1, 30100) AS i;
ANALYZE barrier;`

// The barrier retention walks barrier_updated_at, with the pool's settings
// and with the server's defaults on a grown table, and deletes by row
// address, never reading the whole table.
func TestBarrierPrunePlanWalksItsIndex(t *testing.T) {
	ctx, cancel := context.WithTimeout(t.Context(), time.Minute)
	defer cancel()
	pool := filledPool(ctx, t, fillBarrier)

	for name, settings := range map[string][]string{
		"pool":   nil,
		"server": {"plan_cache_mode = auto", "enable_seqscan = on", "enable_hashjoin = on", "enable_mergejoin = on"},
	} {
		var lines []string
		err := pgx.BeginFunc(ctx, pool, func(tx pgx.Tx) error {
			for _, s := range settings {
				if _, err := tx.Exec(ctx, "SET LOCAL "+s); err != nil {
					return err
				}
			}
			rows, err := tx.Query(ctx, "EXPLAIN "+sqlPruneBarriers, time.Now().Add(-30*24*time.Hour), 1000)
			if err != nil {
				return err
			}
			lines, err = pgx.CollectRows(rows, pgx.RowTo[string])
			return err
		})
		require.NoError(t, err)
		plan := strings.Join(lines, "\n")
		require.Contains(t, plan, "Index Scan using barrier_updated_at on barrier", "%s:\n%s", name, plan)
		require.Contains(t, plan, "Tid Scan on barrier", "%s:\n%s", name, plan)
		require.NotContains(t, plan, "Seq Scan", "%s:\n%s", name, plan)
	}

	n, err := PruneBarriers(ctx, pool, time.Now().Add(-30*24*time.Hour), 1000)
	require.NoError(t, err)
	require.EqualValues(t, 100, n, "the records forty days old")
}

// Records another transaction holds are skipped rather than waited for.
func TestPruneBarriersSkipsHeldRecords(t *testing.T) {
	ctx, cancel := context.WithTimeout(t.Context(), 30*time.Second)
	defer cancel()
	pool := filledPool(ctx, t, `INSERT INTO barrier (saga_id, step, updated_at)
		SELECT gen_random_uuid(), 'reserve', now() - interval '40 days' FROM generate_series(1, 3)`)
	tx, err := pool.Begin(ctx)
	require.NoError(t, err)
	defer func() { _ = tx.Rollback(context.WithoutCancel(ctx)) }()
	_, err = tx.Exec(ctx, "SELECT 1 FROM barrier ORDER BY updated_at, saga_id LIMIT 1 FOR UPDATE")
	require.NoError(t, err)

	quick, stop := context.WithTimeout(ctx, 5*time.Second)
	defer stop()
	n, err := PruneBarriers(quick, pool, time.Now().Add(-time.Hour), 100)
	require.NoError(t, err)
	require.EqualValues(t, 2, n, "the held record is left for a later pass")
}
