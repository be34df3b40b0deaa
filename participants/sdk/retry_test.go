package sdk_test

import (
	"context"
	"errors"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/participants/inventory"
	"github.com/streamsaga/streamsaga/participants/inventory/inventorytest"
	"github.com/streamsaga/streamsaga/participants/sdk"
	"github.com/streamsaga/streamsaga/saga"
	"github.com/streamsaga/streamsaga/saga/barrier"
)

// requireRetryable asserts that r asks for cmd to be sent again.
func requireRetryable(t *testing.T, r saga.Envelope, cmd saga.Envelope, typ sdk.Reply, msg string) {
	t.Helper()
	require.Equal(t, string(typ), r.Type)
	require.Equal(t, &saga.ReplyError{Message: msg, Retryable: true}, r.Error)
	require.True(t, sdk.IsRetryableReply(r))
	require.Equal(t, saga.DerivedID(cmd.MessageID, "reply"), r.MessageID)
	require.Equal(t, cmd.MessageID, r.CausationID)
}

func TestActionErrorRepliesRetryableAndNextAttemptRuns(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	c := e.counting(faults{do: 1})
	sagaID := saga.NewID()
	cmd := reserveCmd(sagaID, item("A", 4))

	require.NoError(t, e.deliver(cmd), "answered, not redelivered")
	inventorytest.RequireStock(t, e.store, "A", 10, 0)
	replies := e.replies()
	require.Len(t, replies, 1)
	requireRetryable(t, replies[0], cmd, inventory.InventoryReservationFailed, errFlaky.Error())
	require.True(t, e.inboxed(cmd.MessageID))
	rec := e.barrierOf(sagaID)
	require.Equal(t, barrier.ActionNone, rec.Action, "the barrier is untouched")
	require.False(t, rec.Compensated)

	next := reserveCmd(sagaID, item("A", 4))
	next.Attempt = 2
	require.NoError(t, e.deliver(next))
	require.EqualValues(t, 2, c.do.Load())
	inventorytest.RequireStock(t, e.store, "A", 6, 4)
	replies = e.replies()
	require.Len(t, replies, 2)
	require.Equal(t, string(inventory.InventoryReserved), replies[1].Type)
	require.False(t, sdk.IsRetryableReply(replies[1]))
	require.Equal(t, barrier.ActionSucceeded, e.barrierOf(sagaID).Action)
}

func TestDuplicateOfFailedCommandRepliesRetryableAgain(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	c := e.counting(faults{do: 1})
	cmd := reserveCmd(saga.NewID(), item("A", 4))
	first := e.lastReply(cmd)

	again := e.resend(cmd)
	requireRetryable(t, again, cmd, inventory.InventoryReservationFailed, sdk.ReplayedRetryReason)
	require.Equal(t, first.MessageID, again.MessageID)
	require.EqualValues(t, 1, c.do.Load(), "a duplicate runs nothing")
	inventorytest.RequireStock(t, e.store, "A", 10, 0)
}

func TestCompensationErrorRepliesRetryableAndCanBeRetried(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	c := e.counting(faults{undo: 1})
	sagaID := saga.NewID()
	require.NoError(t, e.deliver(reserveCmd(sagaID, item("A", 4))))
	release := releaseCmd(sagaID)

	require.NoError(t, e.deliver(release))
	inventorytest.RequireStock(t, e.store, "A", 6, 4)
	replies := e.replies()
	require.Len(t, replies, 2)
	requireRetryable(t, replies[1], release, inventory.InventoryReleased, errFlaky.Error())
	require.True(t, e.inboxed(release.MessageID))
	require.False(t, e.barrierOf(sagaID).Compensated, "not compensated yet")

	later := releaseCmd(sagaID)
	later.Attempt = 2
	require.NoError(t, e.deliver(later))
	require.EqualValues(t, 2, c.undo.Load())
	inventorytest.RequireStock(t, e.store, "A", 10, 0)
	replies = e.replies()
	require.Len(t, replies, 3)
	require.Equal(t, string(inventory.InventoryReleased), replies[2].Type)
	require.Nil(t, replies[2].Error)
	require.True(t, e.barrierOf(sagaID).Compensated)
}

var errPostgresDown = errors.New("postgres is down")

// failingStore fails the transaction numbered failOn (from 1) without
// running it.
type failingStore struct {
	sdk.Store[inventory.Tx]
	n      atomic.Int32
	failOn int32
}

func (s *failingStore) InTx(ctx context.Context, fn func(ctx context.Context, tx inventory.Tx) error) error {
	if s.n.Add(1) == s.failOn {
		return errPostgresDown
	}
	return s.Store.InTx(ctx, fn)
}

func TestFailedRetryReplyIsRedelivered(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	c := e.counting(faults{do: 1, store: &failingStore{Store: e.store, failOn: 2}})
	cmd := reserveCmd(saga.NewID(), item("A", 4))

	err := e.deliver(cmd)
	require.ErrorIs(t, err, errPostgresDown)
	require.ErrorIs(t, err, errFlaky, "the function's error is kept")
	require.False(t, saga.IsPermanent(err), "redelivered, not dead-lettered")
	require.Empty(t, e.replies())
	require.False(t, e.inboxed(cmd.MessageID))
	inventorytest.RequireStock(t, e.store, "A", 10, 0)

	require.NoError(t, e.deliver(cmd), "the redelivered entry runs the action again")
	require.EqualValues(t, 2, c.do.Load())
	inventorytest.RequireStock(t, e.store, "A", 6, 4)
	replies := e.replies()
	require.Len(t, replies, 1)
	require.Equal(t, string(inventory.InventoryReserved), replies[0].Type)
}

func TestStoppingProcessIsRedeliveredNotAnswered(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ctx, cancel := context.WithCancel(e.ctx())
	stop := func(context.Context, inventory.Tx, saga.Envelope) (sdk.Outcome, error) {
		cancel()
		return sdk.Outcome{}, context.Canceled
	}
	p, err := sdk.New[inventory.Tx](e.store, sdk.Config{Name: inventory.Name, Logger: quietLogger()})
	require.NoError(t, err)
	require.NoError(t, p.OnAction(inventory.ReserveInventory, "Done", "Failed", stop))
	cmd := reserveCmd(saga.NewID(), item("A", 4))

	require.ErrorIs(t, p.Handle(ctx, entryOf(t, cmd)), context.Canceled)
	require.Empty(t, e.replies())
	require.False(t, e.inboxed(cmd.MessageID))
}
