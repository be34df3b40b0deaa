package stream

import (
	"context"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/saga/iocount"
	"github.com/streamsaga/streamsaga/saga/testenv"
	"github.com/streamsaga/streamsaga/saga/testenv/rediscluster"
)

// TestRedisCluster runs the sharded cases on a real cluster of three
// masters, each case under a prefix of its own, with the default 16
// shards. The case that flushes a master runs when the others are done.
func TestRedisCluster(t *testing.T) {
	cluster := rediscluster.Start(t, 3)
	rdb := cluster.Client(t, 64)
	t.Run("EachMasterHoldsAFairShareOfTheShards", func(t *testing.T) { testMastersHoldShards(t, cluster) })
	t.Run("SlotsAreTheClustersOwn", func(t *testing.T) { testSlotsMatchCluster(t, cluster) })
	t.Run("DialFindsTheCluster", func(t *testing.T) { testDialCluster(t, cluster) })
	t.Run("DialCountsEachNodesRoundTrips", func(t *testing.T) { testDialCountsOnCluster(t, cluster) })
	for _, c := range shardedCases() {
		t.Run(c.name, func(t *testing.T) {
			env := shardedEnv{rdb: rdb, keys: KeysFor(rdb, "t"+testenv.RandomSuffix()+":", 0),
				flush: func(t *testing.T, key string) { flushMasterOf(t, cluster, key) }}
			c.run(t, env)
		})
	}
}

func flushMasterOf(t *testing.T, c *rediscluster.Cluster, key string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	addr, err := c.MasterOf(ctx, Slot(key))
	require.NoError(t, err)
	require.NoError(t, c.Flush(ctx, addr))
}

func testMastersHoldShards(t *testing.T, c *rediscluster.Cluster) {
	ctx := context.Background()
	keys := Keys{Prefix: "p.", Shards: DefaultShards}
	held := map[string]int{}
	for i := range DefaultShards {
		addr, err := c.MasterOf(ctx, Slot(keys.ShardStream("orders.events", i)))
		require.NoError(t, err)
		held[addr]++
	}
	require.Len(t, held, len(c.Addrs), "every master holds shards: %v", held)
	for addr, n := range held {
		require.GreaterOrEqual(t, n, DefaultShards/len(c.Addrs), "%s holds %d shards", addr, n)
		require.LessOrEqual(t, n, (DefaultShards+len(c.Addrs)-1)/len(c.Addrs), "%s holds %d shards", addr, n)
	}
}

func testSlotsMatchCluster(t *testing.T, c *rediscluster.Cluster) {
	ctx := context.Background()
	keys := Keys{Prefix: "p.", Shards: DefaultShards}
	for i := range DefaultShards {
		for _, key := range []string{keys.ShardStream("s", i), keys.ShardDLQ("s", i), "plain-" + ShardTag(i, DefaultShards)} {
			slot, err := c.KeySlot(ctx, key)
			require.NoError(t, err)
			require.Equal(t, slot, Slot(key), key)
		}
	}
}

func testDialCluster(t *testing.T, c *rediscluster.Cluster) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	for _, url := range []string{c.URL(), "redis://" + c.Addrs[1], "redis://" + c.Addrs[2] + "/0"} {
		rdb, err := Dial(ctx, url, Pool{Size: 8, Readers: 2, Shards: 4})
		require.NoError(t, err, url)
		cc, ok := rdb.(*redis.ClusterClient)
		require.True(t, ok, "%s: a cluster node gets a cluster client, not %T", url, rdb)
		require.Equal(t, 16, cc.Options().PoolSize, "each node's pool: 8 plus 2 readers on 4 shards")
		require.NoError(t, cc.Set(ctx, "{a}x", "1", time.Minute).Err())
		require.NoError(t, cc.Set(ctx, "{b}x", "1", time.Minute).Err(), "every master reachable")
		require.Equal(t, Keys{Prefix: "p", Shards: 4}, KeysFor(rdb, "p", 4))
		require.NoError(t, rdb.Close())
	}
	_, err := Dial(ctx, "redis://"+c.Addrs[0]+"/1", Pool{})
	require.ErrorContains(t, err, "only database 0")
}

// A cluster client from Dial tells iocount each command and round trip of
// every node: a pipeline over two masters is two round trips.
func testDialCountsOnCluster(t *testing.T, c *rediscluster.Cluster) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	rdb, err := Dial(ctx, c.URL(), Pool{Size: 4})
	require.NoError(t, err)
	defer rdb.Close()
	a, b := keysOnTwoMasters(t, c, "t"+testenv.RandomSuffix()+":")
	run := func() {
		_, err := rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
			p.XAdd(ctx, &redis.XAddArgs{Stream: a, Values: []string{"k", "v"}})
			p.XAdd(ctx, &redis.XAddArgs{Stream: b, Values: []string{"k", "v"}})
			return nil
		})
		require.NoError(t, err)
		require.NoError(t, rdb.XLen(ctx, a).Err())
	}
	run() // new connections say HELLO first, and the client reads the slots
	before := iocount.Read()
	run()
	after := iocount.Read()
	reloads := after.RedisCommands["cluster"] - before.RedisCommands["cluster"] // a slot refresh of its own
	require.Equal(t, uint64(3), after.RedisRoundTrips-before.RedisRoundTrips-reloads)
	require.Equal(t, uint64(2), after.RedisCommands["xadd"]-before.RedisCommands["xadd"])
	require.Equal(t, uint64(1), after.RedisCommands["xlen"]-before.RedisCommands["xlen"])
}

// keysOnTwoMasters returns two shard keys under prefix that live on
// different masters.
func keysOnTwoMasters(t *testing.T, c *rediscluster.Cluster, prefix string) (string, string) {
	t.Helper()
	keys := Keys{Prefix: prefix, Shards: DefaultShards}
	first := keys.ShardStream("counted", 0)
	owner, err := c.MasterOf(context.Background(), Slot(first))
	require.NoError(t, err)
	for i := 1; i < DefaultShards; i++ {
		key := keys.ShardStream("counted", i)
		addr, err := c.MasterOf(context.Background(), Slot(key))
		require.NoError(t, err)
		if addr != owner {
			return first, key
		}
	}
	t.Fatal("every shard on one master")
	return "", ""
}
