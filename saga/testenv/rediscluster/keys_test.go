package rediscluster_test

import (
	"context"
	"fmt"
	"sort"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/saga/testenv"
	"github.com/streamsaga/streamsaga/saga/testenv/rediscluster"
)

// On a cluster client ScanKeys lists the keys of every master and
// DeleteKeys deletes them, keys of other prefixes left alone.
func TestScanAndDeleteKeysReachEveryMaster(t *testing.T) {
	c := rediscluster.Start(t, 3)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	rdb := c.Client(t, 0)
	var want []string
	for i := range 40 {
		key := fmt.Sprintf("p:{%d}k", i)
		want = append(want, key)
		require.NoError(t, rdb.Set(ctx, key, "v", 0).Err())
		require.NoError(t, rdb.Set(ctx, fmt.Sprintf("other:{%d}k", i), "v", 0).Err())
	}
	for _, addr := range c.Addrs {
		require.Positive(t, c.Node(t, addr).DBSize(ctx).Val(), "%s holds keys", addr)
	}
	got, err := testenv.ScanKeys(ctx, rdb, "p:*")
	require.NoError(t, err)
	sort.Strings(got)
	sort.Strings(want)
	require.Equal(t, want, got)

	n, err := testenv.DeleteKeys(ctx, rdb, "p:")
	require.NoError(t, err)
	require.Equal(t, 40, n)
	got, err = testenv.ScanKeys(ctx, rdb, "*")
	require.NoError(t, err)
	require.Len(t, got, 40, "the other prefix's keys stay")
}
