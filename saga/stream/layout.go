package stream

import (
	"context"
	"errors"
	"fmt"
	"strconv"

	"github.com/redis/go-redis/v9"
)

// layoutName is the logical name of the key that records an installation's
// shard count on a cluster.
const layoutName = "streamsaga.shards"

// ErrShardMismatch is wrapped when a process's shard count differs from the
// one its installation recorded.
var ErrShardMismatch = errors.New("shard count differs from the installation's")

// LayoutKey is the key that records the shard count of sharded keys,
// "<prefix>streamsaga.shards": it names no shard, so that processes of
// every shard count find it.
func (k Keys) LayoutKey() string { return k.Prefix + layoutName }

// RecordShards records the shard count of sharded keys in Redis, or checks
// it against the one recorded by the installation's first process: every
// process must spread the streams alike, or a saga's messages would travel
// on two shards. A different count is a wrapped ErrShardMismatch. Unsharded
// keys record nothing. When the node holding the record lost its data, the
// next process to start records its own count again.
func RecordShards(ctx context.Context, rdb redis.UniversalClient, keys Keys) error {
	if !keys.Sharded() {
		return nil
	}
	key := keys.LayoutKey()
	if err := rdb.SetNX(ctx, key, keys.Shards, 0).Err(); err != nil {
		return fmt.Errorf("recording the shard count in %s: %w", key, err)
	}
	got, err := rdb.Get(ctx, key).Result()
	if err != nil {
		return fmt.Errorf("reading the shard count in %s: %w", key, err)
	}
	if n, _ := strconv.Atoi(got); n != keys.Shards {
		return fmt.Errorf("STREAM_SHARDS is %d, but the installation's streams are spread over %s shards (%s): %w; "+
			"use the same value in every process, or delete %s once the streams are drained", keys.Shards, got, key, ErrShardMismatch, key)
	}
	return nil
}
