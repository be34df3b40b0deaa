package main

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/redis/go-redis/v9"
)

// redisStore is the Redis the runs use: emptied before and after each
// run, its server processes sampled.
type redisStore interface {
	empty(ctx context.Context) error
	// pids are the server processes, none when they do not say.
	pids(ctx context.Context) []int
	close()
}

// redisDB is the Redis database the runs use; each run starts on it empty.
type redisDB struct {
	rdb *redis.Client
	url string
}

// openRedis connects to url. A database that holds keys is refused unless
// flush is set: the runs empty it.
func openRedis(ctx context.Context, url string, flush bool) (*redisDB, error) {
	opts, err := redis.ParseURL(url)
	if err != nil {
		return nil, fmt.Errorf("parsing the Redis URL: %w", err)
	}
	r := &redisDB{rdb: redis.NewClient(opts), url: url}
	n, err := r.rdb.DBSize(ctx).Result()
	if err != nil {
		_ = r.rdb.Close()
		return nil, fmt.Errorf("reaching Redis at %s: %w", opts.Addr, err)
	}
	if n > 0 && !flush {
		_ = r.rdb.Close()
		return nil, fmt.Errorf("Redis database %d holds %d keys; every run empties it: pass --flush-redis, or name an unused database in --redis-url", opts.DB, n)
	}
	return r, r.empty(ctx)
}

// empty deletes every key of the database.
func (r *redisDB) empty(ctx context.Context) error {
	if err := r.rdb.FlushDB(ctx).Err(); err != nil {
		return fmt.Errorf("emptying the Redis database: %w", err)
	}
	return nil
}

// pids is the Redis server's process id, none when it does not say.
func (r *redisDB) pids(ctx context.Context) []int {
	info, err := r.rdb.Info(ctx, "server").Result()
	if err != nil {
		return nil
	}
	for line := range strings.Lines(info) {
		if v, ok := strings.CutPrefix(strings.TrimSpace(line), "process_id:"); ok {
			if pid, err := strconv.Atoi(v); err == nil && pid > 0 {
				return []int{pid}
			}
		}
	}
	return nil
}

func (r *redisDB) close() { _ = r.rdb.Close() }
