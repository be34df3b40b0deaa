package rediscluster_test

import (
	"context"
	"net"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/saga/testenv"
	"github.com/streamsaga/streamsaga/saga/testenv/rediscluster"
)

func TestLaunchServesEverySlotUntilStopped(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	c, err := rediscluster.Launch(ctx, t.TempDir(), 3)
	if err != nil {
		if testenv.Required() {
			t.Fatal(err)
		}
		t.Skip(err)
	}
	require.Len(t, c.PIDs(), 3)
	masters, err := c.Masters(ctx)
	require.NoError(t, err)
	require.Len(t, masters, 3)
	require.NoError(t, c.Client(t, 0).Set(ctx, "foo", "1", 0).Err())
	c.Stop()
	for _, addr := range c.Addrs {
		conn, err := net.DialTimeout("tcp", addr, time.Second)
		if err == nil {
			conn.Close()
		}
		require.Error(t, err, "%s still answers after Stop", addr)
	}
}

func TestLaunchFailsWithoutBinaries(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	_, err := rediscluster.Launch(context.Background(), t.TempDir(), 3)
	require.ErrorContains(t, err, "no redis-server binary")
}
