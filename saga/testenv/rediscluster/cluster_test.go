package rediscluster_test

import (
	"context"
	"net"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/saga/testenv/rediscluster"
)

func TestStartServesEverySlotAndTearsDown(t *testing.T) {
	var c *rediscluster.Cluster
	t.Run("start", func(t *testing.T) {
		c = rediscluster.Start(t, 0)
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		masters, err := c.Masters(ctx)
		require.NoError(t, err)
		require.Len(t, masters, rediscluster.DefaultMasters)
		served := 0
		for _, ranges := range masters {
			for _, r := range ranges {
				served += r.End - r.Start + 1
			}
		}
		require.Equal(t, 16384, served)
		slot, err := c.KeySlot(ctx, "foo")
		require.NoError(t, err)
		require.Equal(t, 12182, slot)

		rdb := c.Client(t, 0)
		require.NoError(t, rdb.Set(ctx, "foo", "1", 0).Err())
		require.NoError(t, rdb.Set(ctx, "bar", "2", 0).Err())
		owner, err := c.MasterOf(ctx, 12182)
		require.NoError(t, err)
		require.NoError(t, c.Flush(ctx, owner))
		require.Zero(t, rdb.Exists(ctx, "foo").Val(), "the flushed master lost its key")
		require.Equal(t, "2", rdb.Get(ctx, "bar").Val(), "another master kept its own")
		require.Contains(t, c.URL(), "?addr=")
	})
	if c == nil {
		return
	}
	for _, addr := range c.Addrs {
		conn, err := net.DialTimeout("tcp", addr, time.Second)
		if err == nil {
			conn.Close()
		}
		require.Error(t, err, "%s still answers after the test", addr)
	}
}

// Without the binaries the test is skipped and says why, unless back ends
// are required.
func TestStartSkipsWithoutBinaries(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	t.Setenv("STREAMSAGA_REQUIRE_SERVICES", "")
	t.Setenv("CI", "")
	var sub *testing.T
	t.Run("start", func(t *testing.T) {
		sub = t
		rediscluster.Start(t, 0)
	})
	require.True(t, sub.Skipped())
}
