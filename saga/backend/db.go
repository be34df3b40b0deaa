package backend

import (
	"context"

	"github.com/sirupsen/logrus"

	"github.com/streamsaga/streamsaga/saga/httpx"
	"github.com/streamsaga/streamsaga/saga/inbox"
	"github.com/streamsaga/streamsaga/saga/outbox"
	"github.com/streamsaga/streamsaga/saga/retention"
)

// DB is one service's database, whichever driver runs it: what the relay,
// the courier, the inbox retention and /healthz need of it. pg.NewBackend
// and sqlite.NewBackend return one; the services build their stores over
// the concrete value they opened.
type DB interface {
	// Source is the relay's source over the service's outbox.
	Source() outbox.Source
	// Courier returns the service's courier, publishing through pub.
	Courier(pub outbox.Publisher, log *logrus.Entry) (Courier, error)
	// Pruner is the inbox retention's delete.
	Pruner() inbox.PruneFunc
	// Check is the /healthz probe of the database.
	Check() httpx.Check
	// Ping checks that the database answers.
	Ping(ctx context.Context) error
	// Close closes the database's connections.
	Close()
}

// BarrierPruner is the database of a participant, whose schema holds the
// barrier: pg.Backend and sqlite.Backend are.
type BarrierPruner interface {
	// BarrierPruner is the barrier retention's delete.
	BarrierPruner() retention.DeleteFunc
}
