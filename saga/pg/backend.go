package pg

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/sirupsen/logrus"

	"github.com/streamsaga/streamsaga/saga/backend"
	"github.com/streamsaga/streamsaga/saga/httpx"
	"github.com/streamsaga/streamsaga/saga/inbox"
	"github.com/streamsaga/streamsaga/saga/outbox"
	"github.com/streamsaga/streamsaga/saga/retention"
)

var (
	_ backend.DB            = (*Backend)(nil)
	_ backend.BarrierPruner = (*Backend)(nil)
)

// Backend is a service's database on PostgreSQL (backend.DB): a pool
// whose search_path is the service's schema, wrapped in the DB its
// courier hooks into. Build the service's stores over DB(), so that the
// courier reaches them.
type Backend struct {
	db     *DB
	schema string
}

// NewBackend is the backend of a pool over schema.
func NewBackend(pool *pgxpool.Pool, schema string) *Backend {
	return &Backend{db: NewDB(pool, DBConfig{}), schema: schema}
}

// DB is the DB the service's stores are built over (FromDB): their
// transactions hand their messages to the backend's courier.
func (b *Backend) DB() *DB { return b.db }

// Schema is the service's schema.
func (b *Backend) Schema() string { return b.schema }

// Source is the relay's source over the schema's outbox, woken by
// LISTEN/NOTIFY.
func (b *Backend) Source() outbox.Source { return NewOutboxSource(b.db.Pool(), b.schema) }

// Courier returns an outbox.Courier, publishing through pub, that the
// transactions of DB() hand their messages to once started.
func (b *Backend) Courier(pub outbox.Publisher, log *logrus.Entry) (backend.Courier, error) {
	c, err := outbox.NewCourier(pub, NewOutboxSource(b.db.Pool(), b.schema), outbox.CourierConfig{Logger: log})
	if err != nil {
		return nil, fmt.Errorf("creating the outbox courier: %w", err)
	}
	return &courier{courier: c, db: b.db}, nil
}

// Pruner is the inbox retention's delete.
func (b *Backend) Pruner() inbox.PruneFunc { return InboxPruner(b.db.Pool()) }

// BarrierPruner is the barrier retention's delete: the schema must be a
// participant's (backend.BarrierPruner).
func (b *Backend) BarrierPruner() retention.DeleteFunc { return BarrierPruner(b.db.Pool()) }

// Check is the /healthz probe of the pool.
func (b *Backend) Check() httpx.Check {
	return httpx.Check{Name: "postgres", Check: b.Ping}
}

// Ping checks that the server answers.
func (b *Backend) Ping(ctx context.Context) error { return b.db.Pool().Ping(ctx) }

// Close closes the pool.
func (b *Backend) Close() { b.db.Pool().Close() }
