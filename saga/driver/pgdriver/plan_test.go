package pgdriver

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/saga/pg"
	"github.com/streamsaga/streamsaga/saga/testenv"
)

// The connections cache one plan per statement for any arguments
// (pg.PoolConfig): each listing statement must then walk the index that
// fits its filter, whatever the state or cursor asked for.
func TestListingPlansWalkTheirIndex(t *testing.T) {
	ctx, cancel := context.WithTimeout(t.Context(), time.Minute)
	defer cancel()
	pool, err := pg.Connect(ctx, testenv.Database(t), Schema)
	require.NoError(t, err)
	defer pool.Close()
	conn, err := pool.Acquire(ctx)
	require.NoError(t, err)
	defer conn.Release()

	for name, c := range map[string]struct{ sql, args, want string }{
		"list_all": {qListSagas, "'infinity', 'ffffffff-ffff-ffff-ffff-ffffffffffff', 50", "using sagas_listing "},
		"in_state": {qListSagasInState, "now(), gen_random_uuid(), 50, 'FAILED'", "using sagas_state_listing "},
		"counts":   {qCountByState, "", " on sagas_state_listing "},
	} {
		_, err := conn.Exec(ctx, "PREPARE "+name+" AS "+c.sql)
		require.NoError(t, err)
		var lines []string
		execute := "EXECUTE " + name
		if c.args != "" {
			execute += "(" + c.args + ")"
		}
		rows, err := conn.Query(ctx, "EXPLAIN "+execute)
		require.NoError(t, err)
		for rows.Next() {
			var l string
			require.NoError(t, rows.Scan(&l))
			lines = append(lines, l)
		}
		require.NoError(t, rows.Err())
		plan := strings.Join(lines, "\n")
		require.Contains(t, plan, c.want, plan)
	}
}
