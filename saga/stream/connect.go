package stream

import (
	"context"
	"fmt"

	"github.com/redis/go-redis/v9"
)

// Connect opens a client for a redis:// (or rediss://) URL and pings it.
//
// Size the pool with poolSize: every Consumer's read loop holds one pooled
// connection for the whole of each blocking XREADGROUP (up to its Block),
// and its claim loop, acknowledgements and publishers need more. A pool of
// at least twice the number of consumers plus a few is a safe start. A
// poolSize of zero or less keeps go-redis's default (10 per CPU).
//
// A connection error names the address, not the URL, so no password ends
// up in a log line.
func Connect(ctx context.Context, url string, poolSize int) (*redis.Client, error) {
	opts, err := redis.ParseURL(url)
	if err != nil {
		return nil, fmt.Errorf("parsing Redis URL: %w", err)
	}
	if poolSize > 0 {
		opts.PoolSize = poolSize
	}
	rdb := redis.NewClient(opts)
	if err := rdb.Ping(ctx).Err(); err != nil {
		_ = rdb.Close()
		return nil, fmt.Errorf("connecting to Redis at %s: %w", opts.Addr, err)
	}
	return rdb, nil
}
