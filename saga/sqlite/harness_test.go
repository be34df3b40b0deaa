package sqlite_test

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/saga/outbox"
	"github.com/streamsaga/streamsaga/saga/retention"
	"github.com/streamsaga/streamsaga/saga/sqlite"
	"github.com/streamsaga/streamsaga/saga/storetest"
)

// open returns a fresh database file, closed when t ends.
func open(t testing.TB) *sqlite.DB {
	t.Helper()
	return openAt(t, filepath.Join(t.TempDir(), "service.db"))
}

func openAt(t testing.TB, path string) *sqlite.DB {
	t.Helper()
	db, err := sqlite.Open(testContext(t), path)
	require.NoError(t, err)
	t.Cleanup(func() { require.NoError(t, db.Close()) })
	return db
}

// harness runs the storetest suites on a database file.
type harness struct{ db *sqlite.DB }

var _ storetest.Harness = harness{}

func newHarness(t *testing.T) storetest.Harness { return harness{db: open(t)} }

func (h harness) InTx(ctx context.Context, fn func(context.Context, storetest.Stores) error) error {
	return sqlite.InTx(ctx, h.db, func(tx *sqlite.Tx) error {
		m := sqlite.NewMessaging(tx)
		return fn(ctx, storetest.Stores{Outbox: m, Inbox: m, Barrier: m})
	})
}

// Source opens a handle of its own on the file, as a relay in another
// process would.
func (h harness) Source(t *testing.T) outbox.Source {
	return sqlite.NewOutboxSource(openAt(t, h.db.Path()))
}

func testContext(t testing.TB) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	t.Cleanup(cancel)
	return ctx
}

func TestMessagingConformance(t *testing.T) {
	storetest.RunMessaging(t, newHarness)
}

// SerialWrites: every transaction of the driver is IMMEDIATE.
func (harness) SerialWrites() {}

// BarrierPruner is the barrier retention's delete over the file.
func (h harness) BarrierPruner() retention.DeleteFunc { return sqlite.BarrierPruner(h.db) }
