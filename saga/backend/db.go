package backend

import (
	"context"
	"errors"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/streamsaga/streamsaga/saga/httpx"
	"github.com/streamsaga/streamsaga/saga/inbox"
	"github.com/streamsaga/streamsaga/saga/outbox"
	"github.com/streamsaga/streamsaga/saga/pg"
	"github.com/streamsaga/streamsaga/saga/sqlite"
)

// DB is one service's database. Exactly one of Postgres and SQLite is set.
type DB struct {
	// Postgres is the service's pool with the courier its stores'
	// transactions hand their messages to (see Courier); Schema its schema.
	Postgres *pg.DB
	Schema   string
	// SQLite is the service's database file.
	SQLite *sqlite.DB
}

// Postgres is the DB of a pool over schema. Build the service's stores
// over its Postgres field, so that its Courier reaches them.
func Postgres(pool *pgxpool.Pool, schema string) DB {
	return DB{Postgres: pg.NewDB(pool, pg.DBConfig{}), Schema: schema}
}

// SQLite is the DB of a file.
func SQLite(db *sqlite.DB) DB { return DB{SQLite: db} }

// Validate reports a DB with no driver or two.
func (d DB) Validate() error {
	if (d.Postgres == nil) == (d.SQLite == nil) {
		return errors.New("backend: a service needs exactly one database, PostgreSQL or SQLite")
	}
	return nil
}

// Source is the relay's source over the service's outbox.
func (d DB) Source() outbox.Source {
	if d.SQLite != nil {
		return sqlite.NewOutboxSource(d.SQLite)
	}
	return pg.NewOutboxSource(d.Postgres.Pool(), d.Schema)
}

// Pruner is the inbox retention's delete.
func (d DB) Pruner() inbox.PruneFunc {
	if d.SQLite != nil {
		return sqlite.InboxPruner(d.SQLite)
	}
	return pg.InboxPruner(d.Postgres.Pool())
}

// Check is the /healthz probe of the database.
func (d DB) Check() httpx.Check {
	if d.SQLite != nil {
		return httpx.Check{Name: "sqlite", Check: d.SQLite.Ping}
	}
	return httpx.Check{Name: "postgres", Check: d.Postgres.Pool().Ping}
}

// Close closes the pool or the file.
func (d DB) Close() {
	if d.SQLite != nil {
		_ = d.SQLite.Close()
	}
	if d.Postgres != nil {
		d.Postgres.Pool().Close()
	}
}

// Ping checks that the database answers.
func (d DB) Ping(ctx context.Context) error { return d.Check().Check(ctx) }
