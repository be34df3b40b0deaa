package stream

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/saga/testenv"
)

// The sharded cases on one Redis: streams spread over four shard keys.
func TestShardedKeysOnASingleRedis(t *testing.T) {
	for _, c := range shardedCases() {
		t.Run(c.name, func(t *testing.T) {
			rdb, prefix := testenv.Redis(t)
			env := shardedEnv{rdb: rdb, keys: Keys{Prefix: prefix, Shards: 4}, flush: func(t *testing.T, key string) {
				require.NoError(t, rdb.Del(context.Background(), key).Err())
			}}
			c.run(t, env)
		})
	}
}
