package stream

import (
	"fmt"
	"testing"

	"github.com/redis/go-redis/v9"
	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/saga/config"
)

func TestUnshardedKeysAreNamedAsOnASingleRedis(t *testing.T) {
	k := Keys{Prefix: "acme."}
	require.False(t, k.Sharded())
	require.Equal(t, 1, k.ShardCount())
	require.Equal(t, "acme.orders.events", k.ShardStream("orders.events", 0))
	require.Equal(t, "acme.orders.events.dlq", k.ShardDLQ("orders.events", 0))
	require.Equal(t, []string{"acme.orders.events"}, k.StreamKeys("orders.events"))
	require.Zero(t, k.ShardOf("saga-1"))
	require.Equal(t, "1-0", k.EntryID(0, "1-0"))
	i, id, err := k.SplitEntryID("1-0")
	require.NoError(t, err)
	require.Equal(t, 0, i)
	require.Equal(t, "1-0", id)
}

func TestShardKeysCarryTheShardTag(t *testing.T) {
	k := Keys{Prefix: "acme.", Shards: DefaultShards}
	require.NoError(t, k.Validate())
	require.Equal(t, "acme.{3:8750}orders.events", k.ShardStream("orders.events", 3))
	require.Equal(t, "acme.{3:8750}orders.events.dlq", k.ShardDLQ("orders.events", 3))
	require.Equal(t, "acme.orchestrator", k.Group("orchestrator"), "a group has one name on every shard")
	keys := k.StreamKeys("s")
	require.Len(t, keys, DefaultShards)
	for i, key := range keys {
		require.Equal(t, ShardSlot(i, DefaultShards), Slot(key))
		require.Equal(t, Slot(key), Slot(k.ShardDLQ("s", i)), "a shard and its dead letters share a slot")
		require.Equal(t, Slot(key), Slot(k.ShardStream("other{x}", i)), "a brace in a stream name changes nothing")
	}
}

func TestShardOfIsStableAndSpreads(t *testing.T) {
	k := Keys{Shards: DefaultShards}
	require.Equal(t, k.ShardOf("saga-1"), k.ShardOf("saga-1"))
	require.Equal(t, 15, k.ShardOf("saga-1"), "FNV-1a (2941998927) of the key modulo the shard count")
	seen := map[int]int{}
	for n := range 1600 {
		seen[k.ShardOf(fmt.Sprintf("saga-%d", n))]++
	}
	require.Len(t, seen, DefaultShards)
	for i, n := range seen {
		require.Greater(t, n, 50, "shard %d", i)
	}
}

func TestShardedEntryIDs(t *testing.T) {
	k := Keys{Shards: 4}
	require.Equal(t, "3:1700000000000-0", k.EntryID(3, "1700000000000-0"))
	i, id, err := k.SplitEntryID("3:1700000000000-0")
	require.NoError(t, err)
	require.Equal(t, 3, i)
	require.Equal(t, "1700000000000-0", id)
	for _, bad := range []string{"1700000000000-0", "4:1-0", "-1:1-0", "x:1-0", "03:1-0", ":1-0"} {
		_, _, err := k.SplitEntryID(bad)
		require.ErrorIs(t, err, errNoShard, bad)
	}
}

func TestKeysValidate(t *testing.T) {
	require.NoError(t, Keys{Prefix: "{a}"}.Validate(), "an unsharded prefix may hold braces")
	require.Error(t, Keys{Prefix: "{a}", Shards: 2}.Validate())
	require.Error(t, Keys{Shards: -1}.Validate())
	require.Error(t, Keys{Shards: MaxShards + 1}.Validate())
	require.NoError(t, Keys{Shards: MaxShards}.Validate())
}

func TestKeysForFollowsTheClient(t *testing.T) {
	single := redis.NewClient(&redis.Options{Addr: "127.0.0.1:1"})
	defer single.Close()
	require.Equal(t, Keys{Prefix: "p."}, KeysFor(single, "p.", 8))
	cluster := redis.NewClusterClient(&redis.ClusterOptions{Addrs: []string{"127.0.0.1:1"}})
	defer cluster.Close()
	require.Equal(t, Keys{Prefix: "p.", Shards: 8}, KeysFor(cluster, "p.", 8))
	require.Equal(t, Keys{Prefix: "p.", Shards: DefaultShards}, KeysFor(cluster, "p.", 0))
}

func TestShardBoundsMatchTheConfiguration(t *testing.T) {
	require.Equal(t, config.DefaultStreamShards, DefaultShards)
	require.Equal(t, config.MaxStreamShards, MaxShards)
}
