package testenv_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/saga/testenv"
)

// On a single Redis ScanKeys lists the prefix's keys and DeleteKeys
// deletes them.
func TestScanAndDeleteKeys(t *testing.T) {
	rdb, prefix := testenv.Redis(t)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	for _, k := range []string{"a", "b", "c"} {
		require.NoError(t, rdb.Set(ctx, prefix+k, "v", 0).Err())
	}
	keys, err := testenv.ScanKeys(ctx, rdb, prefix+"*")
	require.NoError(t, err)
	require.ElementsMatch(t, []string{prefix + "a", prefix + "b", prefix + "c"}, keys)
	n, err := testenv.DeleteKeys(ctx, rdb, prefix)
	require.NoError(t, err)
	require.Equal(t, 3, n)
	keys, err = testenv.ScanKeys(ctx, rdb, prefix+"*")
	require.NoError(t, err)
	require.Empty(t, keys)
}
