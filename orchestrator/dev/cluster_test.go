package dev_test

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/saga/testenv/rediscluster"
)

// With REDIS_URL naming a Redis Cluster, in the multi-node form or as one
// node, the dev mode spreads every stream over the shard keys on all
// masters, an order and a trip go through, and the banner names the
// cluster.
func TestDevModeRunsOnARedisCluster(t *testing.T) {
	c := rediscluster.Start(t, 3)
	for _, url := range []string{c.URL(), "redis://" + c.Addrs[1]} {
		o := tripOptions(t, t.TempDir())
		o.RedisURL = url
		var out bytes.Buffer
		o.Out = &out
		stop := start(t, o)
		require.Equal(t, "COMPLETED", placeAndSettle(t, o), url)
		waitSaga(t, o, startTrip(t, o, tripData("carol", "compact", 0)), "COMPLETED")
		require.NoError(t, stop())
		require.Contains(t, out.String(), "redis         "+url+" (a Redis Cluster: each stream over 16 shard keys)")
		requireShardKeysOnEveryMaster(t, c)
	}
}

// requireShardKeysOnEveryMaster asserts that every master holds shard
// keys of the streams ("{tag}name") and no stream key without a tag.
func requireShardKeysOnEveryMaster(t *testing.T, c *rediscluster.Cluster) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	for _, addr := range c.Addrs {
		keys, err := c.Node(t, addr).Keys(ctx, "*").Result()
		require.NoError(t, err)
		shards := 0
		for _, k := range keys {
			switch {
			case strings.HasPrefix(k, "{"):
				shards++
			case k != "streamsaga.shards":
				t.Errorf("%s on %s is not a shard key", k, addr)
			}
		}
		require.Positive(t, shards, "%s holds no shard key", addr)
	}
}
