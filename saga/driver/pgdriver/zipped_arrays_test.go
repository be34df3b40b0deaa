package pgdriver

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/saga/pg"
	"github.com/streamsaga/streamsaga/saga/testenv"
)

// The batch statements read their arrays in the select list, so the
// server never materialises them (testenv.RequireZippedArrays says why).
func TestBatchStatementsZipTheirArrays(t *testing.T) {
	pool, err := pg.Connect(t.Context(), testenv.Database(t), Schema)
	require.NoError(t, err)
	defer pool.Close()
	testenv.RequireZippedArrays(t, pool, map[string]testenv.Statement{
		"insert sagas":   {SQL: qInsertSagas, Args: 15},
		"update sagas":   {SQL: qUpdateSagas, Args: 10},
		"insert history": {SQL: qInsertHistories, Args: 7},
		"count ignored":  {SQL: qCountIgnored, Args: 2},
		"park sagas":     {SQL: qParkSagas, Args: 3},
	})
}
