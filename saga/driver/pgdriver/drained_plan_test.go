package pgdriver

import (
	"context"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/saga/pg"
	"github.com/streamsaga/streamsaga/saga/testenv"
)

// The statements that find sagas by id walk the primary key, also on the
// statistics of a drained table, where a full scan of a listing index
// looks as cheap to the planner and would run on every load until the
// next ANALYZE.
func TestByIDStatementsKeepThePrimaryKeyOnADrainedTable(t *testing.T) {
	ctx, cancel := context.WithTimeout(t.Context(), 2*time.Minute)
	defer cancel()
	pool, err := pg.Connect(ctx, testenv.Database(t), Schema)
	require.NoError(t, err)
	defer pool.Close()
	drainSagas(ctx, t, pool)

	for name, c := range map[string]struct {
		testenv.Statement
		want string
	}{
		"get":           {testenv.Statement{SQL: qGetSaga, Args: 1}, "using sagas_pkey "},
		"load":          {testenv.Statement{SQL: qLoadSagas, Args: 1}, "using sagas_pkey "},
		"update":        {testenv.Statement{SQL: qUpdateSagas, Args: 10}, "using sagas_pkey "},
		"insert":        {testenv.Statement{SQL: qInsertSagas, Args: 15}, "Arbiter Indexes: sagas_pkey"},
		"ignored":       {testenv.Statement{SQL: qIgnoredReplies, Args: 1}, "using sagas_pkey "},
		"count ignored": {testenv.Statement{SQL: qCountIgnored, Args: 2}, "using sagas_pkey "},
		"park":          {testenv.Statement{SQL: qParkSagas, Args: 3}, "using sagas_pkey "},
		"unpark":        {testenv.Statement{SQL: qUnparkSagas, Args: 2}, "using sagas_parked "},
	} {
		plan := testenv.GenericPlan(ctx, t, pool, c.SQL, c.Args)
		assert.Contains(t, plan, c.want, "%s:\n%s", name, plan)
		assert.NotContains(t, plan, "_listing", "%s:\n%s", name, plan)
	}
}

// drainSagas leaves the sagas table as it is after a
// quiet spell longer than the retention: fifty thousand sagas stored,
// then all deleted, then vacuumed and analysed as autovacuum would (no
// live row, the indexes still large).
func drainSagas(ctx context.Context, t *testing.T, pool *pgxpool.Pool) {
	t.Helper()
	for _, sql := range []string{`
INSERT INTO sagas (id, type, state, data, steps, created_at, updated_at, completed_at)
SELECT gen_random_uuid(), 'order', 'COMPLETED', '{}', '[]', t, t, t
  FROM (SELECT now() - i * interval '1 second' AS t FROM generate_series(1, 50000) AS i) AS s`,
		"DELETE FROM sagas", "VACUUM ANALYZE sagas"} {
		if _, err := pool.Exec(ctx, sql); err != nil {
			t.Fatalf("draining the sagas table: %v", err)
		}
	}
}
