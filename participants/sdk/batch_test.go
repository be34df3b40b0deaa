package sdk_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/participants/inventory"
	"github.com/streamsaga/streamsaga/participants/inventory/inventorytest"
	"github.com/streamsaga/streamsaga/participants/sdk"
	"github.com/streamsaga/streamsaga/saga"
	"github.com/streamsaga/streamsaga/saga/transport"
)

func TestBatchCommitsOnce(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	s := e.batching(false)
	var cmds []saga.Envelope
	for range 6 {
		cmds = append(cmds, reserveCmd(saga.NewID(), item("A", 1)))
	}
	cmds = append(cmds, reserveCmd(saga.NewID(), item("B", 6)))
	requireNoErrors(t, e.deliverBatch(cmds...))

	require.EqualValues(t, 1, s.n.Load(), "one transaction for the batch")
	inventorytest.RequireStock(t, e.store, "A", 4, 6)
	inventorytest.RequireStock(t, e.store, "B", 5, 0)
	replies := e.replies()
	require.Len(t, replies, len(cmds))
	for i, r := range replies[:6] {
		require.Equal(t, string(inventory.InventoryReserved), r.Type)
		require.Equal(t, cmds[i].MessageID, r.CausationID, "replies in stream order")
	}
	require.Equal(t, string(inventory.InventoryReservationFailed), replies[6].Type)
	require.False(t, sdk.IsRetryableReply(replies[6]), "a business failure commits with the batch")
}

func TestBatchFallsBackWhenAFunctionFails(t *testing.T) {
	t.Parallel()
	broken := saga.NewID()
	cmds := []saga.Envelope{
		reserveCmd(saga.NewID(), item("A", 1)), reserveCmd(broken, item("A", 2)), reserveCmd(saga.NewID(), item("B", 3)),
	}
	batch, each := newEnv(t), newEnv(t)
	s := batch.batching(false, broken)
	each.batching(false, broken)
	requireNoErrors(t, batch.deliverBatch(cmds...))
	requireNoErrors(t, each.deliverEach(cmds...))

	require.EqualValues(t, 1+3+1, s.n.Load(), "the batch, each command, the retryable reply")
	require.Equal(t, each.replySummaries(), batch.replySummaries())
	replies := batch.replies()
	require.Equal(t, string(inventory.InventoryReserved), replies[0].Type)
	require.True(t, sdk.IsRetryableReply(replies[1]))
	require.Equal(t, string(inventory.InventoryReserved), replies[2].Type)
	inventorytest.RequireStock(t, batch.store, "A", 9, 1)
	inventorytest.RequireStock(t, batch.store, "B", 2, 3)
	require.True(t, batch.inboxed(cmds[1].MessageID))
	require.Equal(t, each.barrierOf(broken), batch.barrierOf(broken))
}

// TestBatchOfOneStepIsSequential puts several commands of one saga step in
// a batch: a duplicate, an action and its compensation, a compensation
// before its action. The barrier row, locked again by the same
// transaction, makes them behave as if handled one after the other.
func TestBatchOfOneStepIsSequential(t *testing.T) {
	t.Parallel()
	s1, s2 := saga.NewID(), saga.NewID()
	reserve1 := reserveCmd(s1, item("A", 3))
	resent := reserveCmd(s1, item("A", 3))
	resent.Attempt = 2
	cmds := []saga.Envelope{
		reserve1, reserve1, resent, releaseCmd(s1), releaseCmd(s2), reserveCmd(s2, item("B", 1)), reserveCmd(saga.NewID(), item("A", 2)),
	}
	batch, each := newEnv(t), newEnv(t)
	s := batch.batching(false)
	requireNoErrors(t, batch.deliverBatch(cmds...))
	requireNoErrors(t, each.deliverEach(cmds...))

	require.EqualValues(t, 1, s.n.Load())
	require.Equal(t, each.replySummaries(), batch.replySummaries())
	require.Len(t, batch.replies(), len(cmds))
	inventorytest.RequireStock(t, batch.store, "A", 8, 2)
	inventorytest.RequireStock(t, batch.store, "B", 5, 0)
	for _, id := range []string{s1, s2} {
		require.Equal(t, each.barrierOf(id), batch.barrierOf(id))
	}
	require.Equal(t, sdk.RefusedReason, batch.replies()[5].Error.Message)
}

func TestBatchRejectsPoisonEntriesAndCommitsTheRest(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	s := e.batching(false)
	unknown := command("PayInventory", saga.NewID(), nil)
	noReplyTo := reserveCmd(saga.NewID(), item("A", 1))
	noReplyTo.ReplyTo = ""
	ok1, ok2 := reserveCmd(saga.NewID(), item("A", 1)), reserveCmd(saga.NewID(), item("B", 2))
	msgs := []transport.Message{
		rawEntry([]byte("not json")), entryOf(t, ok1), entryOf(t, unknown), entryOf(t, noReplyTo), entryOf(t, ok2),
	}
	errs := e.deliverEntries(msgs...)

	for _, i := range []int{0, 2, 3} {
		require.True(t, saga.IsPermanent(errs[i]), "entry %d: %v", i, errs[i])
	}
	require.ErrorIs(t, errs[2], sdk.ErrUnknownCommand)
	require.ErrorIs(t, errs[3], sdk.ErrInvalidCommand)
	require.NoError(t, errs[1])
	require.NoError(t, errs[4])
	require.EqualValues(t, 1, s.n.Load())
	require.Len(t, e.replies(), 2)
	inventorytest.RequireStock(t, e.store, "A", 9, 1)
	inventorytest.RequireStock(t, e.store, "B", 3, 2)
}

func TestBatchOnUnavailableDatabaseHoldsEveryCommand(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	e.batching(true)
	errs := e.deliverEntries(entryOf(t, reserveCmd(saga.NewID(), item("A", 1))),
		rawEntry([]byte("{")), entryOf(t, releaseCmd(saga.NewID())))

	require.True(t, saga.IsUnavailable(errs[0]), "%v", errs[0])
	require.True(t, saga.IsPermanent(errs[1]), "%v", errs[1])
	require.True(t, saga.IsUnavailable(errs[2]), "%v", errs[2])
	require.Empty(t, e.replies())
	inventorytest.RequireStock(t, e.store, "A", 10, 0)
}
