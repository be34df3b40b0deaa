package pg

import (
	"testing"

	"github.com/streamsaga/streamsaga/saga/testenv"
)

// The batch statements read their arrays in the select list, so the
// server never materialises them (testenv.RequireZippedArrays says why).
func TestBatchStatementsZipTheirArrays(t *testing.T) {
	pool := filledPool(t.Context(), t, "SELECT 1")
	testenv.RequireZippedArrays(t, pool, map[string]testenv.Statement{
		"add messages":        {SQL: sqlAddMessages, Args: 5},
		"add leased messages": {SQL: sqlAddLeasedMessages, Args: 6},
		"lock barriers":       {SQL: sqlLockBarriers, Args: 2},
		"save barriers":       {SQL: sqlSaveBarriers, Args: 8},
	})
}
