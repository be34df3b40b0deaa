package stream

import (
	"context"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/saga/testenv"
)

// A single Redis gets the client Connect opens, and one key per stream.
func TestDialASingleRedis(t *testing.T) {
	test, _ := setup(t)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	rdb, err := Dial(ctx, testenv.URLOf(test), Pool{Size: 7, Readers: 3})
	require.NoError(t, err)
	defer rdb.Close()
	c, ok := rdb.(*redis.Client)
	require.True(t, ok, "%T", rdb)
	require.Equal(t, 7, c.Options().PoolSize)
	require.Equal(t, Keys{Prefix: "p"}, KeysFor(rdb, "p", 16))
}

func TestDialErrors(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	_, err := Dial(ctx, "redis://:secret@127.0.0.1:1/0", Pool{})
	require.ErrorContains(t, err, "connecting to Redis at 127.0.0.1:1")
	require.NotContains(t, err.Error(), "secret")

	_, err = Dial(ctx, "redis://:secret@127.0.0.1:1?addr=127.0.0.1:2", Pool{})
	require.ErrorContains(t, err, "connecting to Redis at 127.0.0.1:1")
	require.NotContains(t, err.Error(), "secret")

	_, err = Dial(ctx, "redis://u:s3cret@127.0.0.1:1?addr=bad", Pool{})
	require.ErrorContains(t, err, "parsing Redis URL")
	require.NotContains(t, err.Error(), "s3cret")
}

// Several nodes that are no cluster are refused by name.
func TestDialSeveralNodesOfNoCluster(t *testing.T) {
	test, _ := setup(t)
	if testenv.IsEmbedded(test) {
		t.Skip("the embedded Redis answers no INFO cluster")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	addr := test.Options().Addr
	_, err := Dial(ctx, "redis://"+addr+"?addr="+addr, Pool{})
	require.ErrorContains(t, err, "is not a Redis Cluster node")
}

func TestPoolNodeSize(t *testing.T) {
	require.Equal(t, 32+2*DefaultShards, Pool{Size: 32, Readers: 2}.NodeSize())
	require.Equal(t, 10+4*8, Pool{Size: 10, Readers: 4, Shards: 8}.NodeSize())
	require.Zero(t, Pool{}.NodeSize(), "go-redis's default")
}
