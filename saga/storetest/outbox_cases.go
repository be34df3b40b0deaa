package storetest

import (
	"context"
	"errors"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/saga/outbox"
)

// RunOutbox runs the outbox suite: the Writer and the Source.
func RunOutbox(t *testing.T, newHarness NewHarness) {
	runCases(t, newHarness, []testCase{
		{"RelaysCommittedMessagesInOrder", relaysInOrder},
		{"EmptyAddIsNoop", emptyAddIsNoop},
		{"RelayRespectsLimit", relayRespectsLimit},
		{"RollbackAddsNothing", rollbackAddsNothing},
		{"PublishErrorKeepsMessages", publishErrorKeepsMessages},
		{"HoldsBackPartitionsOfOtherRelays", holdsBackPartitions},
		{"RelaysLateCommit", relaysLateCommit},
		{"WaitWakesOnCommit", waitWakesOnCommit},
		{"WaitTimesOut", waitTimesOut},
		{"ConcurrentRelaysKeepPartitionOrder", concurrentRelays},
	})
}

func relaysInOrder(t *testing.T, h Harness) {
	ctx, src, rec := testContext(t), h.Source(t), NewRecorder()
	first := []outbox.Message{NewMessage("a", 0), NewMessage("b", 0), NewMessage("a", 1)}
	second := []outbox.Message{NewMessage("c", 0), NewMessage("b", 1)}
	Add(ctx, t, h, first...)
	Add(ctx, t, h, second...)
	requireBacklog(ctx, t, src, 5)

	n, err := src.Relay(ctx, 100, rec.Publish)
	require.NoError(t, err)
	require.Equal(t, 5, n)
	got := rec.Messages()
	RequireSame(t, append(first, second...), got)
	for i, m := range got {
		require.Positive(t, m.ID, "row id set")
		if i > 0 {
			require.Greater(t, m.ID, got[i-1].ID, "row id order")
		}
	}
	requireBacklog(ctx, t, src, 0)
	n, err = src.Relay(ctx, 100, rec.Publish)
	require.NoError(t, err)
	require.Zero(t, n, "nothing left to relay")
	require.Equal(t, 1, rec.Calls(), "an empty pass publishes nothing")
}

func emptyAddIsNoop(t *testing.T, h Harness) {
	ctx, src := testContext(t), h.Source(t)
	err := h.InTx(ctx, func(ctx context.Context, s Stores) error {
		if err := s.Outbox.AddMessages(ctx, nil); err != nil {
			return err
		}
		return s.Outbox.AddMessages(ctx, []outbox.Message{})
	})
	require.NoError(t, err)
	requireBacklog(ctx, t, src, 0)
}

func relayRespectsLimit(t *testing.T, h Harness) {
	ctx, src, rec := testContext(t), h.Source(t), NewRecorder()
	msgs := []outbox.Message{NewMessage("a", 0), NewMessage("b", 0), NewMessage("a", 1), NewMessage("c", 0)}
	Add(ctx, t, h, msgs...)
	n, err := src.Relay(ctx, 3, rec.Publish)
	require.NoError(t, err)
	require.Equal(t, 3, n)
	RequireSame(t, msgs[:3], rec.Messages())
	requireBacklog(ctx, t, src, 1)
	n, err = src.Relay(ctx, 3, rec.Publish)
	require.NoError(t, err)
	require.Equal(t, 1, n)
	RequireSame(t, msgs, rec.Messages())
}

func rollbackAddsNothing(t *testing.T, h Harness) {
	ctx, src, rec := testContext(t), h.Source(t), NewRecorder()
	err := h.InTx(ctx, func(ctx context.Context, s Stores) error {
		if err := s.Outbox.AddMessages(ctx, []outbox.Message{NewMessage("a", 0)}); err != nil {
			return err
		}
		return errRollback
	})
	require.ErrorIs(t, err, errRollback)
	requireBacklog(ctx, t, src, 0)
	n, err := src.Relay(ctx, 10, rec.Publish)
	require.NoError(t, err)
	require.Zero(t, n)
	require.Zero(t, rec.Calls(), "nothing to publish")
}

func publishErrorKeepsMessages(t *testing.T, h Harness) {
	ctx, src, rec := testContext(t), h.Source(t), NewRecorder()
	msgs := []outbox.Message{NewMessage("a", 0), NewMessage("b", 0), NewMessage("a", 1)}
	Add(ctx, t, h, msgs...)
	boom := errors.New("transport down")
	var failed []outbox.Message
	n, err := src.Relay(ctx, 10, func(_ context.Context, batch []outbox.Message) error {
		failed = batch
		return boom
	})
	require.ErrorIs(t, err, boom)
	require.Zero(t, n)
	requireBacklog(ctx, t, src, 3)

	n, err = src.Relay(ctx, 10, rec.Publish)
	require.NoError(t, err)
	require.Equal(t, 3, n)
	require.Equal(t, failed, rec.Messages(), "the same rows again")
	RequireSame(t, msgs, rec.Messages())
	requireBacklog(ctx, t, src, 0)
}
