package storetest

import (
	"context"
	"testing"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"
)

// RunInbox runs the inbox suite.
func RunInbox(t *testing.T, newHarness NewHarness) {
	runCases(t, newHarness, []testCase{
		{"FirstThenDuplicate", inboxFirstThenDuplicate},
		{"RollbackDoesNotRecord", inboxRollbackDoesNotRecord},
		{"ManyAtOnce", inboxManyAtOnce},
	})
}

// markProcessed runs MarkProcessed in a committed transaction of its own.
func markProcessed(ctx context.Context, t *testing.T, h Harness, consumer, id string) bool {
	t.Helper()
	var first bool
	err := h.InTx(ctx, func(ctx context.Context, s Stores) error {
		var err error
		first, err = s.Inbox.MarkProcessed(ctx, consumer, id)
		return err
	})
	require.NoError(t, err)
	return first
}

func inboxFirstThenDuplicate(t *testing.T, h Harness) {
	ctx, id := testContext(t), uuid.NewString()
	err := h.InTx(ctx, func(ctx context.Context, s Stores) error {
		first, err := s.Inbox.MarkProcessed(ctx, "inventory", id)
		require.NoError(t, err)
		require.True(t, first, "first delivery")
		again, err := s.Inbox.MarkProcessed(ctx, "inventory", id)
		require.NoError(t, err)
		require.False(t, again, "duplicate in the same transaction")
		return nil
	})
	require.NoError(t, err)
	require.False(t, markProcessed(ctx, t, h, "inventory", id), "duplicate in a later transaction")
	require.True(t, markProcessed(ctx, t, h, "payment", id), "another consumer")
	require.True(t, markProcessed(ctx, t, h, "inventory", uuid.NewString()), "another message")
}

func inboxRollbackDoesNotRecord(t *testing.T, h Harness) {
	ctx, id := testContext(t), uuid.NewString()
	err := h.InTx(ctx, func(ctx context.Context, s Stores) error {
		first, err := s.Inbox.MarkProcessed(ctx, "inventory", id)
		require.NoError(t, err)
		require.True(t, first)
		return errRollback
	})
	require.ErrorIs(t, err, errRollback)
	require.True(t, markProcessed(ctx, t, h, "inventory", id), "the rolled-back mark left nothing")
	require.False(t, markProcessed(ctx, t, h, "inventory", id))
}

func inboxManyAtOnce(t *testing.T, h Harness) {
	ctx := testContext(t)
	old, a, b := uuid.NewString(), uuid.NewString(), uuid.NewString()
	require.True(t, markProcessed(ctx, t, h, "orchestrator", old))
	err := h.InTx(ctx, func(ctx context.Context, s Stores) error {
		first, err := s.Inbox.MarkProcessedMany(ctx, "orchestrator", []string{old, a, b, a})
		require.NoError(t, err)
		require.Equal(t, map[string]bool{a: true, b: true}, first, "only new ids, once each")
		return nil
	})
	require.NoError(t, err)
	require.False(t, markProcessed(ctx, t, h, "orchestrator", b), "recorded")
}
