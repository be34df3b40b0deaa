package testenv

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/alicebob/miniredis/v2"
	"github.com/redis/go-redis/v9"
)

// Redis returns a client of the test Redis and a key prefix unique to this
// test (use it as STREAM_PREFIX). Keys under the prefix are deleted and
// the client closed when the test ends. When that Redis is unreachable and
// services are not required, the test gets an embedded Redis of its own
// (miniredis, a RESP server on loopback) instead, and says so in its log.
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
		if required() {
			unavailable(t, "Redis", "STREAMSAGA_TEST_REDIS_URL", err)
		}
		t.Logf("Redis unreachable (%v): using an embedded Redis", err)
		rdb = embeddedRedis(t, opts.PoolSize)
	}
	prefix := "t" + RandomSuffix() + ":"
	t.Cleanup(func() {
		_, _ = DeleteKeys(context.Background(), rdb, prefix)
		_ = rdb.Close()
	})
	return rdb, prefix
}

// embeddedRedis starts a miniredis for t and returns a client of it.
func embeddedRedis(t testing.TB, poolSize int) *redis.Client {
	t.Helper()
	mr := miniredis.NewMiniRedis()
	if err := mr.StartAddr("127.0.0.1:0"); err != nil {
		t.Fatalf("starting an embedded Redis: %v", err)
	}
	t.Cleanup(mr.Close)
	rdb := redis.NewClient(&redis.Options{Addr: mr.Addr(), PoolSize: poolSize})
	embedded.Store(rdb, true)
	t.Cleanup(func() { embedded.Delete(rdb) })
	return rdb
}

// embedded holds the clients of embedded Redis servers.
var embedded sync.Map

// IsEmbedded reports whether rdb, from Redis, is an embedded Redis: a test
// of a behaviour miniredis does not reproduce skips there.
func IsEmbedded(rdb *redis.Client) bool {
	_, ok := embedded.Load(rdb)
	return ok
}

// URLOf is the URL of rdb's server, real or embedded, for a process or
// component the test configures by URL.
func URLOf(rdb *redis.Client) string {
	o := rdb.Options()
	return fmt.Sprintf("redis://%s/%d", o.Addr, o.DB)
}
