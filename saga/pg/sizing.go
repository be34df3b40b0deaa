package pg

import (
	"context"
	"fmt"
	"runtime"
	"strings"

	"github.com/jackc/pgx/v5/pgxpool"
)

// Sizing bounds a service's pool by what may run transactions on it at
// once. On a Redis Cluster a consumer reads every shard key of its stream
// with a reader of its own and handles the shards side by side, one batch
// at a time per shard, each batch in a transaction: up to Readers×Shards
// transactions at once, next to the HTTP handlers, the relay, the courier
// and the periodic jobs.
type Sizing struct {
	// Readers is how many stream consumers run their handlers on the
	// pool. Optional: default 0.
	Readers int
	// Shards is how many keys each stream is spread over (STREAM_SHARDS);
	// 1 on a single Redis, where a consumer reads one key. The bound may
	// be computed for a cluster and serve a single Redis: pgxpool opens a
	// connection only when one is wanted and none is idle. Optional:
	// default 1.
	Shards int
}

const (
	// reserveConns are for what is not a consumer's handler: HTTP
	// handlers, the relay (it holds its connection across a publish to
	// Redis), the courier's deletes, the sweeper, the inbox pruner, the
	// metrics and health checks.
	reserveConns = 4
	// connsPerReader bounds the connections one consumer's shards get.
	connsPerReader = 6
)

// MaxConns is the pool's bound: the greater of pgxpool's own default (4,
// or the number of CPUs) and reserveConns plus, per consumer, a
// connection for each shard up to connsPerReader.
//
// Why a bound at all: with pgxpool's default of 4 on a two-core machine,
// the 32 shard readers of an orchestrator on a cluster (two consumers, 16
// shards) and its HTTP handlers queue for four connections. tools/bench on
// a three-master cluster, in a closed loop of 64 clients, completed 212
// and 242 sagas/s in two runs with every service's pool at 4, 260 at 8,
// 273 to 332 at 12, 20 or 40, and 280 and 306 with this bound. Why not
// one connection per shard: beyond about 12 the runs did equally well
// within their noise (PostgreSQL runs about as many statements at once as
// it has cores), and two processes of each service with one per shard
// (2×36 + 4×20) would outgrow PostgreSQL's default max_connections of
// 100; with this bound they stay within 2×16 + 4×10. Nothing starves
// beyond the bound: pgxpool hands out connections in the order they were
// asked for, so a shard's handler or an HTTP handler waits at most for
// the transactions queued before it, and no code path holds one
// connection while it waits for a second (the end-to-end tests run a
// cluster on pools of one connection).
func (s Sizing) MaxConns() int32 {
	shards := max(s.Shards, 1)
	n := reserveConns + max(s.Readers, 0)*min(shards, connsPerReader)
	return max(int32(n), defaultMaxConns())
}

// defaultMaxConns is pgxpool's default bound.
func defaultMaxConns() int32 { return max(4, int32(runtime.NumCPU())) }

// ConnectSized is Connect with a pool bounded by size, unless url names
// its own bound (pool_max_conns), which wins.
func ConnectSized(ctx context.Context, url, schema string, size Sizing) (*pgxpool.Pool, error) {
	cfg, err := PoolConfig(url, schema)
	if err != nil {
		return nil, err
	}
	if !strings.Contains(url, "pool_max_conns") {
		cfg.MaxConns = size.MaxConns()
	}
	return connect(ctx, cfg)
}

// connect opens a pool with cfg and checks that the server answers.
func connect(ctx context.Context, cfg *pgxpool.Config) (*pgxpool.Pool, error) {
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("connecting to PostgreSQL: %w", err)
	}
	if err := pool.Ping(ctx); err != nil {
		pool.Close()
		return nil, fmt.Errorf("connecting to PostgreSQL at %s: %w", cfg.ConnConfig.Host, err)
	}
	return pool, nil
}
