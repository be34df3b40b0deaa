package orderpg

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/saga/driver/pgdriver"
	"github.com/streamsaga/streamsaga/saga/pg"
	"github.com/streamsaga/streamsaga/saga/testenv"
)

// The batch statements read their arrays in the select list, so the
// server never materialises them (testenv.RequireZippedArrays says why).
func TestBatchStatementsZipTheirArrays(t *testing.T) {
	pool, err := pg.Connect(t.Context(), testenv.Database(t), pgdriver.Schema)
	require.NoError(t, err)
	defer pool.Close()
	testenv.RequireZippedArrays(t, pool, map[string]testenv.Statement{
		"insert orders": {SQL: qInsertOrders, Args: 10},
		"set statuses":  {SQL: qSetOrderStatuses, Args: 4},
		"finish orders": {SQL: qFinishOrders, Args: 4},
	})
}
