package drivertest

import (
	"context"
	"io"
	"testing"
	"time"

	"github.com/sirupsen/logrus"
	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/saga/driver"
	"github.com/streamsaga/streamsaga/saga/outbox"
	"github.com/streamsaga/streamsaga/saga/storetest"
)

// NewDriver returns a driver over a fresh, empty database for one test.
type NewDriver func(t *testing.T) driver.Driver

// RunDriver is the conformance suite of a driver: the store cases of Run,
// the outbox and inbox cases of saga/storetest inside the driver's own
// transactions, and the database's part (health check, relay source,
// courier, inbox pruning, close). serial says the database runs one write
// transaction at a time (SQLite).
func RunDriver(t *testing.T, newDriver NewDriver, serial bool) {
	t.Run("Store", func(t *testing.T) {
		Run(t, func(t *testing.T) driver.Store {
			st := newDriver(t).Store()
			if serial {
				return Serial(st)
			}
			return st
		})
	})
	harness := func(t *testing.T) storetest.Harness {
		h := driverHarness{d: newDriver(t)}
		if serial {
			return serialHarness{h}
		}
		return h
	}
	t.Run("Outbox", func(t *testing.T) { storetest.RunOutbox(t, harness) })
	t.Run("Inbox", func(t *testing.T) { storetest.RunInbox(t, harness) })
	t.Run("Database", func(t *testing.T) { testDatabase(t, newDriver(t)) })
}

// driverHarness runs the messaging suites in the driver's transactions.
type driverHarness struct{ d driver.Driver }

func (h driverHarness) InTx(ctx context.Context, fn func(ctx context.Context, s storetest.Stores) error) error {
	return h.d.Store().InTx(ctx, func(ctx context.Context, tx driver.Tx) error {
		return fn(ctx, storetest.Stores{Outbox: tx, Inbox: tx})
	})
}

func (h driverHarness) Source(t *testing.T) outbox.Source {
	src := h.d.Source()
	t.Cleanup(func() { _ = src.Close() })
	return src
}

type serialHarness struct{ driverHarness }

func (serialHarness) SerialWrites() {}

// testDatabase checks the database's part of the driver.
func testDatabase(t *testing.T, d driver.Driver) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	require.NoError(t, d.Ping(ctx))
	check := d.Check()
	require.NotEmpty(t, check.Name)
	require.NoError(t, check.Check(ctx))
	_, err := d.Pruner()(ctx, time.Now().Add(-time.Hour), 100)
	require.NoError(t, err, "pruning an empty inbox")
	log := logrus.New()
	log.SetOutput(io.Discard)
	courier, err := d.Courier(discard{}, logrus.NewEntry(log))
	require.NoError(t, err)
	require.NoError(t, courier.Start(ctx))
	require.NoError(t, courier.Stop(ctx))
	d.Close()
	require.Error(t, d.Ping(ctx), "a closed database answers no more")
}

// discard is a publisher that accepts every message.
type discard struct{}

func (discard) Publish(context.Context, []outbox.Message) error { return nil }
