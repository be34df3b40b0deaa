package metrics

import (
	"context"
	"fmt"
	"testing"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/redis/go-redis/v9"
	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/saga/stream"
	"github.com/streamsaga/streamsaga/saga/testenv"
	"github.com/streamsaga/streamsaga/saga/testenv/rediscluster"
)

func TestShardedStreamsOnASingleRedis(t *testing.T) {
	rdb, prefix := testenv.Redis(t)
	testShardedStreams(t, rdb, stream.Keys{Prefix: prefix, Shards: 4})
}

func TestShardedStreamsOnACluster(t *testing.T) {
	rdb := rediscluster.Start(t, 3).Client(t, 16)
	testShardedStreams(t, rdb, stream.KeysFor(rdb, "t"+testenv.RandomSuffix()+":", 0))
}

// testShardedStreams checks the sums over shards and each shard's series:
// two entries on shard 0 (one read, not acknowledged), three on shard 1
// (none read), two dead letters on shard 2.
func testShardedStreams(t *testing.T, rdb redis.UniversalClient, keys stream.Keys) {
	ctx := context.Background()
	for _, key := range keys.StreamKeys("s") {
		require.NoError(t, stream.EnsureGroup(ctx, rdb, key, keys.Group("g")))
	}
	xadd := func(key string, n int) {
		for range n {
			require.NoError(t, rdb.XAdd(ctx, &redis.XAddArgs{Stream: key, Values: []any{"k", "v"}}).Err())
		}
	}
	xadd(keys.ShardStream("s", 0), 2)
	xadd(keys.ShardStream("s", 1), 3)
	xadd(keys.ShardDLQ("s", 2), 2)
	_, err := rdb.XReadGroup(ctx, &redis.XReadGroupArgs{Group: keys.Group("g"), Consumer: "c",
		Streams: []string{keys.ShardStream("s", 0), ">"}, Count: 1, Block: -1}).Result()
	require.NoError(t, err)

	reg := prometheus.NewRegistry()
	require.NoError(t, reg.Register(NewStreams(rdb, keys, []StreamGroup{{Stream: "s", Group: "g"}}, ScrapeOptions{})))
	gauge := func(name string, labels map[string]string) float64 {
		m := find(t, reg, name, labels)
		require.NotNil(t, m, "%s %v", name, labels)
		return m.GetGauge().GetValue()
	}
	require.EqualValues(t, 1, gauge("streamsaga_stream_pending_entries", sg))
	require.EqualValues(t, 4, gauge("streamsaga_stream_lag_entries", sg))
	require.EqualValues(t, 2, gauge("streamsaga_stream_dlq_entries", map[string]string{"stream": "s"}))
	for shard, want := range map[int][3]float64{0: {1, 1, 0}, 1: {0, 3, 0}, 2: {0, 0, 2}, 3: {0, 0, 0}} {
		l := map[string]string{"stream": "s", "group": "g", "shard": fmt.Sprint(shard)}
		require.Equal(t, want[0], gauge("streamsaga_stream_shard_pending_entries", l), "shard %d", shard)
		require.Equal(t, want[1], gauge("streamsaga_stream_shard_lag_entries", l), "shard %d", shard)
		require.Equal(t, want[2], gauge("streamsaga_stream_shard_dlq_entries", map[string]string{"stream": "s", "shard": fmt.Sprint(shard)}), "shard %d", shard)
	}
	require.EqualValues(t, 1, gauge("streamsaga_scrape_collector_success", map[string]string{"collector": "streams"}))
}

// One key per stream on a single Redis: no shard series at all.
func TestUnshardedStreamsHaveNoShardSeries(t *testing.T) {
	f := newStreamsFixture(t, StreamGroup{Stream: "s", Group: "g"})
	f.add(t, f.keys.Stream("s"), 1)
	mfs, err := f.reg.Gather()
	require.NoError(t, err)
	for _, mf := range mfs {
		require.NotContains(t, mf.GetName(), "_shard_")
	}
}
