package runner_test

import (
	"context"
	"testing"

	"github.com/sirupsen/logrus"
	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/orchestrator/ordersaga"
	"github.com/streamsaga/streamsaga/saga"
	"github.com/streamsaga/streamsaga/saga/driver"
	"github.com/streamsaga/streamsaga/saga/internal/runner"
	"github.com/streamsaga/streamsaga/saga/transport"
)

// A flood of replies the saga ignores writes a bounded history: past
// runner.RecordedIgnoredReplies they are only counted.
func TestIgnoredRepliesAreCountedPastABound(t *testing.T) {
	f := newFixture(t)
	created := f.approvedOrder(t)
	before, err := f.store.History(ctx, created.SagaID)
	require.NoError(t, err)
	pay := f.command(t, ordersaga.ProcessPayment)

	const flood = 500
	for range flood / 2 {
		require.NoError(t, f.runner.HandleReply(ctx, entry(t, replyTo(pay, ordersaga.PaymentProcessed))))
	}
	for range flood / 2 / 50 {
		msgs := make([]transport.Message, 50)
		for i := range msgs {
			msgs[i] = entry(t, replyTo(pay, ordersaga.PaymentProcessed))
		}
		for _, err := range f.runner.HandleReplies(ctx, msgs) {
			require.NoError(t, err)
		}
	}

	hist, err := f.store.History(ctx, created.SagaID)
	require.NoError(t, err)
	require.LessOrEqual(t, len(hist), len(before)+2*runner.RecordedIgnoredReplies+1)
	require.Greater(t, len(hist), len(before)+runner.RecordedIgnoredReplies, "the first ones are recorded")
	require.Contains(t, hist[len(hist)-1].Detail, "further ones are counted in ignored_replies")
	n, err := f.store.IgnoredReplies(ctx, created.SagaID)
	require.NoError(t, err)
	require.Equal(t, flood, n)
}

// A late reply to a saga the retention purges while the reply is handled
// writes no history: the count of ignored replies no longer finds the
// saga, and nothing is recorded for it.
func TestIgnoredReplyToAPurgedSagaWritesNoHistory(t *testing.T) {
	f := newFixture(t)
	created := f.approvedOrder(t)
	pay := f.command(t, ordersaga.ProcessPayment)
	before, err := f.store.History(ctx, created.SagaID)
	require.NoError(t, err)
	reg, err := saga.NewRegistry(ordersaga.Definition())
	require.NoError(t, err)
	r, err := runner.New(runner.Config{Store: purgedMeanwhile{Store: f.store, sagaID: created.SagaID}, Registry: reg,
		Logger: logrus.NewEntry(logrus.New())})
	require.NoError(t, err)

	require.NoError(t, r.HandleReply(ctx, entry(t, replyTo(pay, ordersaga.PaymentProcessed))))
	hist, err := f.store.History(ctx, created.SagaID)
	require.NoError(t, err)
	require.Equal(t, before, hist, "nothing recorded for a saga that is gone")

	require.NoError(t, f.runner.HandleReply(ctx, entry(t, replyTo(pay, ordersaga.PaymentProcessed))))
	hist, err = f.store.History(ctx, created.SagaID)
	require.NoError(t, err)
	require.Greater(t, len(hist), len(before), "while it exists, an ignored reply is recorded")
}

// purgedMeanwhile is a store whose transactions count ignored replies as
// if sagaID had been purged after it was loaded.
type purgedMeanwhile struct {
	driver.Store
	sagaID string
}

func (s purgedMeanwhile) InTx(ctx context.Context, fn func(ctx context.Context, tx driver.Tx) error) error {
	return s.Store.InTx(ctx, func(ctx context.Context, tx driver.Tx) error {
		return fn(ctx, purgedTx{Tx: tx, sagaID: s.sagaID})
	})
}

type purgedTx struct {
	driver.Tx
	sagaID string
}

func (t purgedTx) CountIgnoredReplies(ctx context.Context, counts map[string]int) (map[string]int, error) {
	totals, err := t.Tx.CountIgnoredReplies(ctx, counts)
	delete(totals, t.sagaID)
	return totals, err
}
