package runner_test

import (
	"context"
	"errors"
	"io"
	"testing"

	"github.com/sirupsen/logrus"
	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/orchestrator/ordersaga"
	"github.com/streamsaga/streamsaga/saga"
	"github.com/streamsaga/streamsaga/saga/driver"
	"github.com/streamsaga/streamsaga/saga/internal/runner"
	"github.com/streamsaga/streamsaga/saga/stream"
	"github.com/streamsaga/streamsaga/saga/transport"
)

// countingStore counts committed transactions.
type countingStore struct {
	driver.Store
	txs int
}

func (c *countingStore) InTx(ctx context.Context, fn func(context.Context, driver.Tx) error) error {
	err := c.Store.InTx(ctx, fn)
	if err == nil {
		c.txs++
	}
	return err
}

func TestRepliesOfOneReadCommitOnce(t *testing.T) {
	f := newFixture(t)
	var batch []transport.Message
	for range 10 {
		created := f.placeOrder(t)
		batch = append(batch, entry(t, created))
	}
	require.Equal(t, make([]error, 10), f.events.HandleBatch(ctx, batch))
	require.Equal(t, 10, f.outboxCount(t, ordersaga.ReserveInventory))
	// A duplicate in the next read changes nothing.
	require.Equal(t, []error{nil}, f.events.HandleBatch(ctx, batch[:1]))
	require.Equal(t, 10, f.outboxCount(t, ordersaga.ReserveInventory))

	rows, err := f.db.QueryContext(ctx, "SELECT payload FROM outbox WHERE message_type = $1", ordersaga.ReserveInventory)
	require.NoError(t, err)
	var replies []transport.Message
	for rows.Next() {
		var payload string
		require.NoError(t, rows.Scan(&payload))
		cmd, err := saga.DecodeEnvelope([]byte(payload))
		require.NoError(t, err)
		replies = append(replies, entry(t, replyTo(cmd, ordersaga.InventoryReserved)))
	}
	require.NoError(t, rows.Err())
	replies = append(replies, replies[0]) // the same reply twice in one read
	replies = append(replies, transport.Message{Fields: map[string]string{stream.FieldEnvelope: "{poison"}})

	cs := &countingStore{Store: f.store}
	r := withStore(t, cs)
	out := r.HandleReplies(ctx, replies)
	require.Len(t, out, 12)
	for i := range 11 {
		require.NoError(t, out[i])
	}
	require.True(t, saga.IsPermanent(out[11]))
	require.Equal(t, 1, cs.txs, "one transaction for the whole read")
	require.Equal(t, 10, f.outboxCount(t, ordersaga.ProcessPayment), "each saga advanced once")
}

func TestSameSagaTwiceInOneReadStartsOnce(t *testing.T) {
	f := newFixture(t)
	created := f.placeOrder(t)
	again := created
	again.MessageID = saga.NewID()
	out := f.events.HandleBatch(ctx, []transport.Message{entry(t, created), entry(t, again), entry(t, created)})
	require.Equal(t, []error{nil, nil, nil}, out)
	require.Equal(t, 1, f.outboxCount(t, ordersaga.ReserveInventory))
	hist, err := f.store.History(ctx, created.SagaID)
	require.NoError(t, err)
	require.Equal(t, saga.HistoryStarted, hist[0].Kind)
	require.Len(t, hist, 2, "started and one command sent")
}

func TestBatchFallsBackToOneByOne(t *testing.T) {
	f := newFixture(t)
	created := f.placeOrder(t)
	require.NoError(t, f.events.Handle(ctx, entry(t, created)))
	cmd := f.command(t, ordersaga.ReserveInventory)
	good := entry(t, replyTo(cmd, ordersaga.InventoryReserved))

	cs := &failingFirstStore{Store: f.store}
	r := withStore(t, cs)
	out := r.HandleReplies(ctx, []transport.Message{good})
	require.Equal(t, []error{nil}, out, "the fallback handled it")
	require.Equal(t, 1, f.outboxCount(t, ordersaga.ProcessPayment))
}

// failingFirstStore fails its first transaction after running it.
type failingFirstStore struct {
	driver.Store
	failed bool
}

func (s *failingFirstStore) InTx(ctx context.Context, fn func(context.Context, driver.Tx) error) error {
	if !s.failed {
		s.failed = true
		return s.Store.InTx(ctx, func(ctx context.Context, tx driver.Tx) error {
			if err := fn(ctx, tx); err != nil {
				return err
			}
			return errors.New("serialization failure")
		})
	}
	return s.Store.InTx(ctx, fn)
}

func withStore(t *testing.T, st driver.Store) *runner.Runner {
	reg, err := saga.NewRegistry(ordersaga.Definition())
	require.NoError(t, err)
	l := logrus.New()
	l.SetOutput(io.Discard)
	r, err := runner.New(runner.Config{Store: st, Registry: reg, Logger: logrus.NewEntry(l)})
	require.NoError(t, err)
	return r
}
