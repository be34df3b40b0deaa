package stream

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestRecordShards(t *testing.T) {
	rdb, keys := setup(t)
	ctx := context.Background()
	require.NoError(t, RecordShards(ctx, rdb, keys), "unsharded keys record nothing")
	n, err := rdb.Exists(ctx, Keys{Prefix: keys.Prefix, Shards: 16}.LayoutKey()).Result()
	require.NoError(t, err)
	require.Zero(t, n)

	sharded := Keys{Prefix: keys.Prefix, Shards: 16}
	require.NoError(t, RecordShards(ctx, rdb, sharded))
	require.NoError(t, RecordShards(ctx, rdb, sharded), "the same count again")
	err = RecordShards(ctx, rdb, Keys{Prefix: keys.Prefix, Shards: 8})
	require.ErrorIs(t, err, ErrShardMismatch)
	require.ErrorContains(t, err, "STREAM_SHARDS is 8, but the installation's streams are spread over 16 shards")
	require.Equal(t, keys.Prefix+"streamsaga.shards", sharded.LayoutKey())

	require.NoError(t, rdb.Del(ctx, sharded.LayoutKey()).Err())
	require.NoError(t, RecordShards(ctx, rdb, Keys{Prefix: keys.Prefix, Shards: 8}), "a lost record is written again")
}
