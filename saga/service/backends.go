package service

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/redis/go-redis/v9"
	"github.com/sirupsen/logrus"

	"github.com/streamsaga/streamsaga/saga/config"
	"github.com/streamsaga/streamsaga/saga/pg"
	"github.com/streamsaga/streamsaga/saga/stream"
)

// Backends are a service's connections.
type Backends struct {
	Pool *pgxpool.Pool
	// Redis is a *redis.Client on a single Redis, a *redis.ClusterClient on
	// a Redis Cluster (see stream.Dial).
	Redis redis.UniversalClient
}

// Connect waits for PostgreSQL (connected with search_path=schema, and
// checked to hold table, i.e. that schema.sql was applied) and Redis, each
// up to cfg.StartupTimeout with a visible line per failed attempt. Redis is
// asked whether it is a cluster node; on a cluster each node's pool holds
// a blocking read per consumer (redisPool.Readers) and shard
// (cfg.StreamShards) on top of redisPool.Size. The PostgreSQL pool is
// bounded for the same consumers and shards (pg.Sizing), unless
// DATABASE_URL names pool_max_conns.
func Connect(ctx context.Context, cfg config.Config, schema, table string, redisPool stream.Pool, log *logrus.Entry) (Backends, error) {
	return ConnectPrepared(ctx, cfg, schema, table, redisPool, log, nil)
}

// Prepare builds a service's schema on a pool that reaches PostgreSQL.
type Prepare func(ctx context.Context, pool *pgxpool.Pool) error

// ConnectPrepared is Connect running prepare, when not nil, once
// PostgreSQL answers and before the check for table.
func ConnectPrepared(ctx context.Context, cfg config.Config, schema, table string, redisPool stream.Pool, log *logrus.Entry, prepare Prepare) (Backends, error) {
	var b Backends
	if redisPool.Shards == 0 {
		redisPool.Shards = cfg.StreamShards
	}
	stream.SetDriverLogger(log)
	size := pg.Sizing{Readers: redisPool.Readers, Shards: redisPool.Shards}
	err := WaitFor(ctx, log, "PostgreSQL", cfg.StartupTimeout, func(ctx context.Context) (err error) {
		b.Pool, err = pg.ConnectSized(ctx, cfg.DatabaseURL, schema, size)
		return err
	})
	if err != nil {
		return b, err
	}
	if err := checkSchema(ctx, b.Pool, schema, table, prepare); err != nil {
		b.Close()
		return Backends{}, err
	}
	err = WaitFor(ctx, log, "Redis", cfg.StartupTimeout, func(ctx context.Context) (err error) {
		b.Redis, err = stream.Dial(ctx, cfg.RedisURL, redisPool)
		return err
	})
	if err != nil {
		b.Close()
		return Backends{}, err
	}
	if err := CheckTopology(ctx, log, b.Redis, cfg); err != nil {
		b.Close()
		return Backends{}, err
	}
	return b, nil
}

// checkSchema runs prepare, if any, then checks that schema holds table.
func checkSchema(ctx context.Context, pool *pgxpool.Pool, schema, table string, prepare Prepare) error {
	if prepare != nil {
		if err := prepare(ctx, pool); err != nil {
			return err
		}
	}
	return pg.CheckSchema(ctx, pool, schema, table)
}

// Close closes whichever connections are open.
func (b Backends) Close() {
	if b.Redis != nil {
		_ = b.Redis.Close()
	}
	if b.Pool != nil {
		b.Pool.Close()
	}
}

// CheckTopology checks the stream keys the service will use on rdb and, on
// a cluster, that the installation's other processes spread the streams
// over as many shards (recording the count when it is the first), and
// says so. Connect runs it; a process that opens its client otherwise (the
// dev mode) runs it itself.
func CheckTopology(ctx context.Context, log *logrus.Entry, rdb redis.UniversalClient, cfg config.Config) error {
	keys := stream.KeysFor(rdb, cfg.StreamPrefix, cfg.StreamShards)
	if err := keys.Validate(); err != nil {
		return err
	}
	if !keys.Sharded() {
		return nil
	}
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	if err := stream.RecordShards(ctx, rdb, keys); err != nil {
		return err
	}
	log.WithField("stream_shards", keys.Shards).Info("Redis is a cluster: every stream is spread over its shard keys")
	return nil
}
