package rediscluster_test

import (
	"context"
	"fmt"
	"net"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/saga/testenv/rediscluster"
)

// Restart brings a master back on its port as a new, empty node serving
// the same slots: its keys are gone, the other masters keep theirs, and
// the cluster takes writes on every slot again.
// The restarted node goes with the test too.
func TestRestartBringsAMasterBackEmptyWithItsSlots(t *testing.T) {
	var restarted string
	t.Run("restart", func(t *testing.T) { restarted = restartMaster(t) })
	if restarted == "" {
		return
	}
	conn, err := net.DialTimeout("tcp", restarted, time.Second)
	if err == nil {
		conn.Close()
	}
	require.Error(t, err, "the restarted %s still answers after the test", restarted)
}

// restartMaster restarts the second master of a cluster of three and
// checks what became of its keys and slots; it returns its address.
func restartMaster(t *testing.T) string {
	c := rediscluster.Start(t, 3)
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	before, err := c.Masters(ctx)
	require.NoError(t, err)
	rdb := c.Client(t, 0)
	owners := map[string]string{} // key -> master
	for i := range 30 {
		key := fmt.Sprintf("key-%d", i)
		require.NoError(t, rdb.Set(ctx, key, "v", 0).Err())
		slot, err := c.KeySlot(ctx, key)
		require.NoError(t, err)
		owners[key], err = c.MasterOf(ctx, slot)
		require.NoError(t, err)
	}
	restarted := c.Addrs[1]
	oldID := c.Node(t, restarted).ClusterMyID(ctx).Val()
	oldPID := c.PIDs()[1]

	require.NoError(t, c.Restart(ctx, 1))

	after, err := c.Masters(ctx)
	require.NoError(t, err)
	require.Equal(t, before, after, "every master serves the slots it served before")
	require.NotEqual(t, oldPID, c.PIDs()[1], "a new process")
	require.NotEqual(t, oldID, c.Node(t, restarted).ClusterMyID(ctx).Val(), "a new node")
	lost := 0
	for key, owner := range owners {
		n, err := rdb.Exists(ctx, key).Result()
		require.NoError(t, err)
		if owner == restarted {
			require.Zero(t, n, "%s was on the restarted master", key)
			lost++
		} else {
			require.Equal(t, int64(1), n, "%s was on another master", key)
		}
		require.NoError(t, rdb.Set(ctx, key, "again", 0).Err())
	}
	require.Positive(t, lost, "some keys were on the restarted master")
	require.Equal(t, int64(lost), c.Node(t, restarted).DBSize(ctx).Val(), "it holds only the keys written since")
	return restarted
}

func TestRestartRefusesAnUnknownMaster(t *testing.T) {
	c := rediscluster.Start(t, 3)
	require.ErrorContains(t, c.Restart(context.Background(), 3), "masters 0 to 2")
}
