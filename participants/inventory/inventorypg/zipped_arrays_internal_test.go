package inventorypg

import (
	"testing"

	"github.com/streamsaga/streamsaga/participants/sdk/sdktest"
	"github.com/streamsaga/streamsaga/saga/testenv"
)

// The batch statement reads its arrays in the select list, so the server
// never materialises them (testenv.RequireZippedArrays says why).
func TestBatchStatementZipsItsArrays(t *testing.T) {
	testenv.RequireZippedArrays(t, sdktest.Pool(t, Schema), map[string]testenv.Statement{
		"reserve": {SQL: reserveLinesSQL, Args: 3},
	})
}
