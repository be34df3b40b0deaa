package runner_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/orchestrator/ordersaga"
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
