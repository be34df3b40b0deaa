package pg_test

import (
	"context"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/saga/outbox"
	"github.com/streamsaga/streamsaga/saga/pg"
	"github.com/streamsaga/streamsaga/saga/retention"
	"github.com/streamsaga/streamsaga/saga/storetest"
	"github.com/streamsaga/streamsaga/saga/testenv"
)

// testSchema has every messaging table, the barrier included.
const testSchema = "inventory"

// connect returns a pool on a fresh database, closed when t ends.
func connect(t testing.TB) *pgxpool.Pool {
	t.Helper()
	return connectTo(t, testenv.Database(t))
}

// connectTo returns a pool on the database at url, closed when t ends.
func connectTo(t testing.TB, url string) *pgxpool.Pool {
	t.Helper()
	ctx, cancel := context.WithTimeout(t.Context(), 30*time.Second)
	defer cancel()
	pool, err := pg.Connect(ctx, url, testSchema)
	require.NoError(t, err)
	t.Cleanup(pool.Close)
	return pool
}

// harness runs the storetest suites on a pool, its transactions on db
// (a *pg.DB) when set.
type harness struct {
	pool *pgxpool.Pool
	db   pg.Beginner
}

var _ storetest.Harness = harness{}

func newHarness(t *testing.T) storetest.Harness { return harness{pool: connect(t)} }

func (h harness) InTx(ctx context.Context, fn func(context.Context, storetest.Stores) error) error {
	var db pg.Beginner = h.pool
	if h.db != nil {
		db = h.db
	}
	return pg.InTx(ctx, db, func(tx pgx.Tx) error {
		m := pg.NewMessaging(tx)
		return fn(ctx, storetest.Stores{Outbox: m, Inbox: m, Barrier: m})
	})
}

func (h harness) Source(t *testing.T) outbox.Source {
	return newSource(t, h.pool)
}

// newSource returns an outbox source closed when t ends.
func newSource(t testing.TB, pool *pgxpool.Pool) *pg.OutboxSource {
	src := pg.NewOutboxSource(pool, testSchema)
	t.Cleanup(func() { require.NoError(t, src.Close()) })
	return src
}

// testContext is cancelled when t ends or after 30 seconds.
func testContext(t testing.TB) context.Context {
	ctx, cancel := context.WithTimeout(t.Context(), 30*time.Second)
	t.Cleanup(cancel)
	return ctx
}

// BarrierPruner is the barrier retention's delete over the pool.
func (h harness) BarrierPruner() retention.DeleteFunc { return pg.BarrierPruner(h.pool) }
