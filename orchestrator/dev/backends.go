package dev

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/alicebob/miniredis/v2"
	"github.com/redis/go-redis/v9"

	"github.com/streamsaga/streamsaga/orchestrator/app"
	"github.com/streamsaga/streamsaga/orchestrator/orderstore/ordersqlite"
	"github.com/streamsaga/streamsaga/participants/inventory/inventorypg"
	"github.com/streamsaga/streamsaga/participants/inventory/inventorysqlite"
	"github.com/streamsaga/streamsaga/participants/payment/paymentpg"
	"github.com/streamsaga/streamsaga/participants/payment/paymentsqlite"
	"github.com/streamsaga/streamsaga/saga/backend"
	"github.com/streamsaga/streamsaga/saga/config"
	"github.com/streamsaga/streamsaga/saga/driver/pgdriver"
	"github.com/streamsaga/streamsaga/saga/logging"
	"github.com/streamsaga/streamsaga/saga/pg"
	"github.com/streamsaga/streamsaga/saga/service"
	"github.com/streamsaga/streamsaga/saga/sqlite"
	"github.com/streamsaga/streamsaga/saga/stream"
)

// redisPoolSize sizes the Redis client the participants share: their
// publishers, claims, acknowledgements and health checks. On a Redis
// Cluster each node's pool also holds the blocking read of every
// participant's consumer on every shard.
const redisPoolSize = 48

// devRedis is the Redis of a dev run: an external one (a single Redis or a
// Redis Cluster) or an embedded one, and the client the participants
// share. The orchestrator gets a client of its own (client), which its
// engine owns and closes: a value wrapping a shared cluster client would
// hide from the engine that Redis is a cluster.
type devRedis struct {
	url    string
	where  string // for the banner, without the URL's password
	shared redis.UniversalClient
	mr     *miniredis.Miniredis
}

// startRedis connects the participants' client to o.RedisURL, or to an
// embedded Redis it starts on loopback when that is empty. On a cluster
// the streams are spread over cfg.StreamShards keys, the count recorded
// for the installation or checked against it, as the services do on their
// own.
func startRedis(ctx context.Context, o Options, cfg config.Config) (*devRedis, error) {
	r := &devRedis{url: o.RedisURL, where: config.RedactURL(o.RedisURL)}
	if r.url == "" {
		r.mr = miniredis.NewMiniRedis()
		if err := r.mr.StartAddr("127.0.0.1:0"); err != nil {
			return nil, fmt.Errorf("starting the embedded Redis: %w", err)
		}
		r.url, r.where = "redis://"+r.mr.Addr(), "embedded at "+r.mr.Addr()
	}
	var err error
	r.shared, err = r.client(ctx, stream.Pool{Size: redisPoolSize, Readers: 2 + len(exampleParticipants(o))}, cfg)
	if err != nil {
		r.stop()
		return nil, err
	}
	if keys := stream.KeysFor(r.shared, cfg.StreamPrefix, cfg.StreamShards); keys.Sharded() {
		r.where += fmt.Sprintf(" (a Redis Cluster: each stream over %d shard keys)", keys.Shards)
	}
	return r, nil
}

// client opens a client of the run's Redis with pool, checking the stream
// keys (and, on a cluster, the installation's shard count) on it.
func (r *devRedis) client(ctx context.Context, pool stream.Pool, cfg config.Config) (redis.UniversalClient, error) {
	rdb, err := stream.Dial(ctx, r.url, pool)
	if err != nil {
		return nil, err
	}
	if err := service.CheckTopology(ctx, logging.New("dev", cfg.LogLevel), rdb, cfg); err != nil {
		_ = rdb.Close()
		return nil, err
	}
	return rdb, nil
}

// stop closes the shared client and the embedded server.
func (r *devRedis) stop() {
	if r.shared != nil {
		_ = r.shared.Close()
	}
	if r.mr != nil {
		r.mr.Close()
	}
}

// databases are the services' databases: the three of the order saga's
// and those of the example participants (in exampleParticipants' order).
type databases struct {
	orchestrator, inventory, payment backend.DB
	examples                         []backend.DB
	where                            string
}

func (d databases) close() {
	for _, db := range append([]backend.DB{d.orchestrator, d.inventory, d.payment}, d.examples...) {
		if db != nil {
			db.Close()
		}
	}
}

// openDatabases opens one SQLite file per service under o.DataDir (deleted
// first with o.Reset), or pools on o.DatabaseURL, each bounded for its
// service's consumers reading streams of shards keys (pg.Sizing).
func openDatabases(ctx context.Context, o Options, shards int) (databases, error) {
	d, err := openServices(ctx, o, shards)
	if err != nil {
		return d, err
	}
	if o.DatabaseURL != "" {
		d.examples, err = openExamplePostgres(ctx, o.DatabaseURL, exampleParticipants(o), shards)
	} else {
		d.examples, err = openExampleSQLite(ctx, o.DataDir, exampleParticipants(o))
	}
	if err != nil {
		d.close()
		return databases{}, err
	}
	return d, nil
}

// openServices opens the databases of the order saga's services.
func openServices(ctx context.Context, o Options, shards int) (databases, error) {
	if o.DatabaseURL != "" {
		return openPostgres(ctx, o.DatabaseURL, shards)
	}
	return openSQLite(ctx, o.DataDir, o.Reset)
}

type sqliteOpener func(ctx context.Context, path string) (*sqlite.DB, error)

func openSQLite(ctx context.Context, dir string, reset bool) (databases, error) {
	if reset {
		if err := os.RemoveAll(dir); err != nil {
			return databases{}, fmt.Errorf("resetting %s: %w", dir, err)
		}
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return databases{}, fmt.Errorf("creating data directory: %w", err)
	}
	d := databases{where: dir + " (SQLite)"}
	dbs := []*backend.DB{&d.orchestrator, &d.inventory, &d.payment}
	for i, open := range []sqliteOpener{ordersqlite.Open, inventorysqlite.Open, paymentsqlite.Open} {
		db, err := open(ctx, filepath.Join(dir, []string{"orchestrator", "inventory", "payment"}[i]+".db"))
		if err != nil {
			d.close()
			return databases{}, err
		}
		*dbs[i] = sqlite.NewBackend(db)
	}
	return d, nil
}

func openPostgres(ctx context.Context, url string, shards int) (databases, error) {
	d := databases{where: "PostgreSQL"}
	dbs := []*backend.DB{&d.orchestrator, &d.inventory, &d.payment}
	schemas := []string{pgdriver.Schema, inventorypg.Schema, paymentpg.Schema}
	tables := []string{"sagas", "barrier", "barrier"}
	readers := []int{app.RedisPool.Readers, 1, 1}
	for i, schema := range schemas {
		pool, err := pg.ConnectSized(ctx, url, schema, pg.Sizing{Readers: readers[i], Shards: shards})
		if err == nil {
			err = pg.CheckSchema(ctx, pool, schema, tables[i])
			if err != nil {
				pool.Close()
			}
		}
		if err != nil {
			d.close()
			return databases{}, err
		}
		*dbs[i] = pg.NewBackend(pool, schema)
	}
	return d, nil
}
