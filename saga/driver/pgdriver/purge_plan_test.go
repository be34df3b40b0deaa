package pgdriver

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/saga/pg"
	"github.com/streamsaga/streamsaga/saga/testenv"
)

// fillSagas stores 20,000 sagas, each with three history lines: most
// COMPLETED within the last days, a tenth RUNNING, a tenth FAILED, and the
// hundred oldest COMPLETED forty days ago, what a purge finds after a
// pause. Statistics are taken, as autovacuum would.
const fillSagas = `
INSERT INTO sagas (id, type, state, data, steps, created_at, updated_at, completed_at)
SELECT gen_random_uuid(), 'order', st, '{}', '[]', t, t, CASE WHEN st = 'RUNNING' THEN NULL ELSE t END
  FROM (SELECT CASE i % 10 WHEN 0 THEN 'RUNNING' WHEN 1 THEN 'FAILED' ELSE 'COMPLETED' END AS st,
               CASE WHEN i <= 100 THEN now() - interval '40 days' ELSE now() - i * interval '10 seconds' END AS t
          FROM generate_series(1, 20000) AS i) AS s;
INSERT INTO saga_history (saga_id, at, kind) SELECT id, created_at, 'saga_started' FROM sagas, generate_series(1, 3);
ANALYZE sagas;
ANALYZE saga_history;`

// The purge finds its sagas through sagas_finished and their history
// through saga_history_saga, never by reading a whole table: with the
// pool's settings (one generic plan for any arguments, sequential scans
// discouraged), and with the server's defaults on a table that has grown
// (plans for the arguments, every scan allowed), so that the index, not
// a setting, makes the plan.
func TestPurgePlanWalksItsIndexes(t *testing.T) {
	ctx, cancel := context.WithTimeout(t.Context(), 2*time.Minute)
	defer cancel()
	pool, err := pg.Connect(ctx, testenv.Database(t), Schema)
	require.NoError(t, err)
	defer pool.Close()
	_, err = pool.Exec(ctx, fillSagas)
	require.NoError(t, err)

	for name, settings := range map[string][]string{
		"pool": nil,
		"server_generic": {"plan_cache_mode = force_generic_plan", "enable_seqscan = on", "enable_hashjoin = on",
			"enable_mergejoin = on"},
		"server_custom": {"plan_cache_mode = force_custom_plan", "enable_seqscan = on", "enable_hashjoin = on",
			"enable_mergejoin = on"},
	} {
		plan := explainPurge(ctx, t, pool, settings)
		require.Contains(t, plan, "Index Scan using sagas_finished on sagas", "%s:\n%s", name, plan)
		require.Contains(t, plan, "on saga_history_saga", "%s:\n%s", name, plan)
		require.NotContains(t, plan, "Seq Scan", "%s:\n%s", name, plan)
	}
}

// explainPurge prepares the purge on one connection with settings in
// effect and returns the plan of a run with a thirty-day cut-off.
func explainPurge(ctx context.Context, t *testing.T, pool *pgxpool.Pool, settings []string) string {
	t.Helper()
	var plan []string
	err := pgx.BeginFunc(ctx, pool, func(tx pgx.Tx) error {
		for _, s := range settings {
			if _, err := tx.Exec(ctx, "SET LOCAL "+s); err != nil {
				return err
			}
		}
		if _, err := tx.Exec(ctx, "PREPARE purge AS "+qPurgeSagas); err != nil {
			return err
		}
		defer func() { _, _ = tx.Exec(ctx, "DEALLOCATE purge") }()
		rows, err := tx.Query(ctx, "EXPLAIN EXECUTE purge(now() - interval '30 days', 500)")
		if err != nil {
			return err
		}
		plan, err = pgx.CollectRows(rows, pgx.RowTo[string])
		return err
	})
	require.NoError(t, err)
	return strings.Join(plan, "\n")
}
