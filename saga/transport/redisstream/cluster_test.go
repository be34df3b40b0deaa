package redisstream_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/saga/stream"
	"github.com/streamsaga/streamsaga/saga/testenv"
	"github.com/streamsaga/streamsaga/saga/testenv/rediscluster"
	"github.com/streamsaga/streamsaga/saga/transport"
	"github.com/streamsaga/streamsaga/saga/transport/redisstream"
	"github.com/streamsaga/streamsaga/saga/transport/transporttest"
)

// TestConformanceOnACluster runs the suite on a three-master Redis
// Cluster, where the transport spreads every stream over 16 shard keys.
func TestConformanceOnACluster(t *testing.T) {
	cluster := rediscluster.Start(t, 3)
	transporttest.Run(t, func(t *testing.T) transporttest.Transport {
		return redisstream.New(cluster.Client(t, 64), redisstream.Config{
			Prefix: "t" + testenv.RandomSuffix() + ":", Block: 100 * time.Millisecond, MinIdle: 500 * time.Millisecond,
			ClaimInterval: 50 * time.Millisecond, Logger: testLogger(t),
		})
	})
}

// On a cluster, messages and dead letters carry ids that name their shard,
// the shard of their partition key.
func TestClusterIDsNameTheShard(t *testing.T) {
	cluster := rediscluster.Start(t, 3)
	rdb := cluster.Client(t, 64)
	tr := redisstream.New(rdb, redisstream.Config{Prefix: "t" + testenv.RandomSuffix() + ":", Shards: 8,
		Block: 100 * time.Millisecond, Logger: testLogger(t)})
	keys := tr.Keys()
	require.Equal(t, 8, keys.Shards)
	got := make(chan transport.Message, 1)
	sub, err := tr.Subscribe(transport.SubscriptionConfig{Stream: "s", Group: "g", BatchSize: 1},
		transport.Each(func(_ context.Context, m transport.Message) error { got <- m; return nil }))
	require.NoError(t, err)
	require.NoError(t, sub.Start(context.Background()))
	t.Cleanup(func() { require.NoError(t, sub.Stop(context.Background())) })
	require.NoError(t, tr.Publish(t.Context(), []transport.Outgoing{{Stream: "s", PartitionKey: "saga-1", MessageID: "m-1", Type: "T", Payload: []byte("{}")}}))
	m := <-got
	shard, entry, err := keys.SplitEntryID(m.ID)
	require.NoError(t, err)
	require.Equal(t, keys.ShardOf("saga-1"), shard)
	n, err := rdb.XLen(t.Context(), keys.ShardStream("s", shard)).Result()
	require.NoError(t, err)
	require.EqualValues(t, 1, n)
	xms, err := rdb.XRange(t.Context(), keys.ShardStream("s", shard), entry, entry).Result()
	require.NoError(t, err)
	require.Equal(t, "m-1", xms[0].Values[stream.FieldMessageID])
}
