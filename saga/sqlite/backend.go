package sqlite

import (
	"context"

	"github.com/prometheus/client_golang/prometheus"
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

// Backend is a service's database on an SQLite file (backend.DB). Build
// the service's stores over DB().
type Backend struct {
	db *DB
}

// NewBackend is the backend of an open file.
func NewBackend(db *DB) *Backend { return &Backend{db: db} }

// DB is the file the service's stores are built over.
func (b *Backend) DB() *DB { return b.db }

// Source is the relay's source over the file's outbox.
func (b *Backend) Source() outbox.Source { return NewOutboxSource(b.db) }

// Courier is one that does nothing: committing transactions wake the
// relay in the process already.
func (b *Backend) Courier(outbox.Publisher, *logrus.Entry) (backend.Courier, error) {
	return idleCourier{}, nil
}

// Pruner is the inbox retention's delete.
func (b *Backend) Pruner() inbox.PruneFunc { return InboxPruner(b.db) }

// BarrierPruner is the barrier retention's delete (backend.BarrierPruner).
func (b *Backend) BarrierPruner() retention.DeleteFunc { return BarrierPruner(b.db) }

// Check is the /healthz probe of the file.
func (b *Backend) Check() httpx.Check { return httpx.Check{Name: "sqlite", Check: b.db.Ping} }

// Ping checks that the file answers.
func (b *Backend) Ping(ctx context.Context) error { return b.db.Ping(ctx) }

// Close closes the file.
func (b *Backend) Close() { _ = b.db.Close() }

// idleCourier is the courier of a database that needs none: it does
// nothing and has no metrics.
type idleCourier struct{}

func (idleCourier) Start(context.Context) error        { return nil }
func (idleCourier) Stop(context.Context) error         { return nil }
func (idleCourier) Collectors() []prometheus.Collector { return nil }
