package testenv

import (
	"context"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
)

// Redis returns a client of the test Redis and a key prefix unique to this
// test (use it as STREAM_PREFIX). Keys under the prefix are deleted and the
// client closed when the test ends.
func Redis(t testing.TB) (*redis.Client, string) {
	t.Helper()
	opts, err := redis.ParseURL(RedisURL())
	if err != nil {
		t.Fatalf("parsing STREAMSAGA_TEST_REDIS_URL: %v", err)
	}
	opts.PoolSize = 64
	rdb := redis.NewClient(opts)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := rdb.Ping(ctx).Err(); err != nil {
		_ = rdb.Close()
		unavailable(t, "Redis", "STREAMSAGA_TEST_REDIS_URL", err)
	}
	prefix := "t" + RandomSuffix() + ":"
	t.Cleanup(func() {
		DeleteKeys(context.Background(), rdb, prefix)
		_ = rdb.Close()
	})
	return rdb, prefix
}

// DeleteKeys removes every key that starts with prefix, as if Redis lost
// that installation's data.
func DeleteKeys(ctx context.Context, rdb redis.UniversalClient, prefix string) {
	iter := rdb.Scan(ctx, 0, prefix+"*", 500).Iterator()
	var keys []string
	for iter.Next(ctx) {
		keys = append(keys, iter.Val())
	}
	if len(keys) > 0 {
		rdb.Del(ctx, keys...)
	}
}
