package pg

import (
	"context"
	"sync/atomic"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/streamsaga/streamsaga/saga/outbox"
)

// DB is a service's pool together with the dispatcher its transactions
// hand their committed outbox messages to, if any. Stores that run their
// transactions through it (InTx) publish right after commit when a
// courier is set on it; every other user of the pool, another DB over it
// included, is unaffected.
type DB struct {
	pool *pgxpool.Pool
	d    atomic.Pointer[outbox.Dispatcher]
}

// DBConfig configures a DB.
type DBConfig struct {
	// Dispatcher takes the messages of every committed transaction, whose
	// rows it leases (PublishAfterCommit sets one later).
	// Optional: default none, the rows are the relay's.
	Dispatcher outbox.Dispatcher
}

// NewDB returns a DB over pool.
func NewDB(pool *pgxpool.Pool, cfg DBConfig) *DB {
	db := &DB{pool: pool}
	if cfg.Dispatcher != nil {
		db.d.Store(&cfg.Dispatcher)
	}
	return db
}

// Pool is the DB's pool, for statements outside a transaction.
func (db *DB) Pool() *pgxpool.Pool { return db.pool }

// InTx runs fn in a transaction on the pool (see the package's InTx);
// once it committed, its outbox messages go to the DB's dispatcher.
func (db *DB) InTx(ctx context.Context, fn func(tx pgx.Tx) error) error {
	return InTx(ctx, db, fn)
}

// Begin starts a plain transaction, which writes rows for the relay and
// hands nothing over: InTx is the one that publishes after commit.
func (db *DB) Begin(ctx context.Context) (pgx.Tx, error) { return db.pool.Begin(ctx) }

// PublishAfterCommit makes every transaction that InTx runs on db from
// now on write its outbox rows with d's lease and hand them to d once it
// has committed, so that the process publishes them at once instead of
// waiting for the relay. The returned function undoes it, unless another
// dispatcher was set since; rows written after that are the relay's again.
func (db *DB) PublishAfterCommit(d outbox.Dispatcher) (undo func()) {
	p := &d
	db.d.Store(p)
	return func() { db.d.CompareAndSwap(p, nil) }
}

// dispatcher is the DB's dispatcher, nil when it has none.
func (db *DB) dispatcher() outbox.Dispatcher {
	if p := db.d.Load(); p != nil {
		return *p
	}
	return nil
}
