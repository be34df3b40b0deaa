package dev

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/alicebob/miniredis/v2"
	"github.com/redis/go-redis/v9"

	"github.com/streamsaga/streamsaga/orchestrator/orderstore/ordersqlite"
	"github.com/streamsaga/streamsaga/participants/inventory/inventorypg"
	"github.com/streamsaga/streamsaga/participants/inventory/inventorysqlite"
	"github.com/streamsaga/streamsaga/participants/payment/paymentpg"
	"github.com/streamsaga/streamsaga/participants/payment/paymentsqlite"
	"github.com/streamsaga/streamsaga/saga/backend"
	"github.com/streamsaga/streamsaga/saga/config"
	"github.com/streamsaga/streamsaga/saga/driver/pgdriver"
	"github.com/streamsaga/streamsaga/saga/pg"
	"github.com/streamsaga/streamsaga/saga/sqlite"
	"github.com/streamsaga/streamsaga/saga/stream"
)

// redisPoolSize sizes the one Redis client the three services share.
const redisPoolSize = 48

// startRedis connects to url, or starts an embedded Redis on loopback when
// url is empty. stop closes the client and the embedded server.
func startRedis(ctx context.Context, url string) (rdb *redis.Client, where string, stop func(), err error) {
	var mr *miniredis.Miniredis
	if url == "" {
		mr = miniredis.NewMiniRedis()
		if err := mr.StartAddr("127.0.0.1:0"); err != nil {
			return nil, "", nil, fmt.Errorf("starting the embedded Redis: %w", err)
		}
		url, where = "redis://"+mr.Addr(), "embedded at "+mr.Addr()
	} else {
		where = config.RedactURL(url)
	}
	rdb, err = stream.Connect(ctx, url, redisPoolSize)
	if err != nil {
		if mr != nil {
			mr.Close()
		}
		return nil, "", nil, err
	}
	return rdb, where, func() {
		_ = rdb.Close()
		if mr != nil {
			mr.Close()
		}
	}, nil
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
// first with o.Reset), or pools on o.DatabaseURL.
func openDatabases(ctx context.Context, o Options) (databases, error) {
	d, err := openServices(ctx, o)
	if err != nil {
		return d, err
	}
	if o.DatabaseURL != "" {
		d.examples, err = openExamplePostgres(ctx, o.DatabaseURL, exampleParticipants(o))
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
func openServices(ctx context.Context, o Options) (databases, error) {
	if o.DatabaseURL != "" {
		return openPostgres(ctx, o.DatabaseURL)
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

func openPostgres(ctx context.Context, url string) (databases, error) {
	d := databases{where: "PostgreSQL"}
	dbs := []*backend.DB{&d.orchestrator, &d.inventory, &d.payment}
	schemas := []string{pgdriver.Schema, inventorypg.Schema, paymentpg.Schema}
	tables := []string{"sagas", "barrier", "barrier"}
	for i, schema := range schemas {
		pool, err := pg.Connect(ctx, url, schema)
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
