package stream

import (
	"context"
	"errors"
	"fmt"
	"net/url"

	"github.com/redis/go-redis/v9"

	"github.com/streamsaga/streamsaga/saga/config"
)

// Connect opens a client for a redis:// (or rediss://) URL of a single
// Redis and pings it; its commands and round trips are counted in
// iocount. Dial also recognises a Redis Cluster.
//
// Size the pool with poolSize: every Consumer's read loop holds one pooled
// connection for the whole of each blocking XREADGROUP (up to its Block),
// and its claim loop, acknowledgements and publishers need more. A pool of
// at least twice the number of consumers plus a few is a safe start. A
// poolSize of zero or less keeps go-redis's default (10 per CPU).
//
// A connection error names the address, not the URL, and a URL that does
// not parse is shown with its password masked, so no password ends up in a
// log line.
func Connect(ctx context.Context, url string, poolSize int) (*redis.Client, error) {
	opts, err := redis.ParseURL(url)
	if err != nil {
		return nil, fmt.Errorf("parsing Redis URL: %w", redactURLError(err))
	}
	if poolSize > 0 {
		opts.PoolSize = poolSize
	}
	rdb := redis.NewClient(opts)
	rdb.AddHook(countingHook{})
	if err := rdb.Ping(ctx).Err(); err != nil {
		_ = rdb.Close()
		return nil, fmt.Errorf("connecting to Redis at %s: %w", opts.Addr, err)
	}
	return rdb, nil
}

// redactURLError masks the password of the URL a parse error quotes.
func redactURLError(err error) error {
	var ue *url.Error
	if !errors.As(err, &ue) {
		return err
	}
	return &url.Error{Op: ue.Op, URL: config.RedactURL(ue.URL), Err: ue.Err}
}
