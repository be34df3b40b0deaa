package pgdriver

import (
	"context"
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
	for name, c := range map[string]struct {
		sql  string
		args int
		want string
	}{
		"list_all": {qListSagas, 3, "using sagas_listing "},
		"in_state": {qListSagasInState, 4, "using sagas_state_listing "},
		"counts":   {qCountByState, 0, " on sagas_state_listing "},
	} {
		plan := testenv.GenericPlan(ctx, t, pool, c.sql, c.args)
		require.Contains(t, plan, c.want, "%s:\n%s", name, plan)
	}
}
