package storetest

import (
	"context"
	"testing"

	"github.com/streamsaga/streamsaga/saga/barrier"
	"github.com/streamsaga/streamsaga/saga/inbox"
	"github.com/streamsaga/streamsaga/saga/outbox"
)

// Stores are the messaging stores of one transaction.
type Stores struct {
	Outbox  outbox.Writer
	Inbox   inbox.Inbox
	Barrier barrier.Store
}

// Harness gives the suites one empty store of the driver under test.
type Harness interface {
	// InTx runs fn in a transaction of the store. It commits when fn
	// returns nil and rolls back otherwise, returning fn's error (or the
	// commit's) so that errors.Is finds it. Several may run at once.
	InTx(ctx context.Context, fn func(ctx context.Context, s Stores) error) error
	// Source returns a new outbox source over the store, as a separate
	// relay process would have one, and closes it when t ends.
	Source(t *testing.T) outbox.Source
}

// SerialWriter is implemented by the harness of a store that runs one
// write transaction at a time (SQLite). The cases that need two writers in
// flight at once describe something that cannot happen there and are
// skipped, saying so.
type SerialWriter interface {
	SerialWrites()
}

// skipIfSerial skips a case that needs concurrent writers.
func skipIfSerial(t *testing.T, h Harness, why string) {
	t.Helper()
	if _, ok := h.(SerialWriter); ok {
		t.Skip("this store runs one write transaction at a time: " + why)
	}
}

// NewHarness returns a harness over a fresh, empty store for t.
type NewHarness func(t *testing.T) Harness

// RunMessaging runs every suite of this package.
func RunMessaging(t *testing.T, newHarness NewHarness) {
	t.Run("Outbox", func(t *testing.T) { RunOutbox(t, newHarness) })
	t.Run("Inbox", func(t *testing.T) { RunInbox(t, newHarness) })
	t.Run("Barrier", func(t *testing.T) { RunBarrier(t, newHarness) })
}

// testCase is one case of a suite.
type testCase struct {
	name string
	run  func(t *testing.T, h Harness)
}

// runCases runs each case in parallel on its own store.
func runCases(t *testing.T, newHarness NewHarness, cases []testCase) {
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			c.run(t, newHarness(t))
		})
	}
}
