package orderpg

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/saga/driver/pgdriver"
	"github.com/streamsaga/streamsaga/saga/pg"
	"github.com/streamsaga/streamsaga/saga/testenv"
)

// The batch statements read their arrays in the select list, so the
// server never materialises them (testenv.RequireZippedArrays says why).
func TestBatchStatementsZipTheirArrays(t *testing.T) {
	ctx, cancel := context.WithTimeout(t.Context(), time.Minute)
	defer cancel()
	pool, err := pg.Connect(ctx, testenv.Database(t), pgdriver.Schema)
	require.NoError(t, err)
	defer pool.Close()
	testenv.RequireZippedArrays(ctx, t, pool, map[string]testenv.Statement{
		"insert orders": {SQL: qInsertOrders, Args: 10},
		"set statuses":  {SQL: qSetOrderStatuses, Args: 4},
		"finish orders": {SQL: qFinishOrders, Args: 4},
	})
}
