package pgdriver

import (
	"context"
	"testing"
	"time"

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
	testenv.DrainSagas(ctx, t, pool)

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
