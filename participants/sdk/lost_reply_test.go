package sdk_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/participants/inventory"
	"github.com/streamsaga/streamsaga/participants/inventory/inventorytest"
	"github.com/streamsaga/streamsaga/participants/sdk"
	"github.com/streamsaga/streamsaga/saga"
)

// resend delivers cmd again under the same message id, as a step timeout
// does: only its attempt changes.
func (e *env) resend(cmd saga.Envelope) saga.Envelope {
	e.t.Helper()
	cmd.Attempt++
	require.NoError(e.t, e.deliver(cmd))
	replies := e.replies()
	require.Len(e.t, replies, 1, "one reply sent again")
	require.Equal(e.t, cmd.Attempt, replies[0].Attempt)
	return replies[0]
}

// lastReply delivers cmd and returns its reply, then loses every reply.
func (e *env) lastReply(cmd saga.Envelope) saga.Envelope {
	e.t.Helper()
	require.NoError(e.t, e.deliver(cmd))
	replies := e.replies()
	e.loseReplies()
	return replies[len(replies)-1]
}

func TestLostActionReplyIsSentAgain(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	c := e.counting(faults{})
	cmd := reserveCmd(saga.NewID(), item("A", 4))
	first := e.lastReply(cmd)
	require.Equal(t, string(inventory.InventoryReserved), first.Type)

	e.requireSameReply(first, e.resend(cmd))
	require.Equal(t, saga.DerivedID(cmd.MessageID, "reply"), first.MessageID)
	inventorytest.RequireStock(t, e.store, "A", 6, 4)
	require.EqualValues(t, 1, c.do.Load(), "the action did not run again")
}

func TestLostFailureReplyIsSentAgain(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	cmd := reserveCmd(saga.NewID(), item("A", 11))
	first := e.lastReply(cmd)
	inventorytest.SetStock(t, e.store, "A", 20)

	again := e.resend(cmd)
	e.requireSameReply(first, again)
	require.Equal(t, "insufficient stock for SKU A: requested 11, available 10", again.Error.Message)
	require.False(t, sdk.IsRetryableReply(again))
	inventorytest.RequireStock(t, e.store, "A", 20, 0)
}

func TestLostRefusalIsSentAgain(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	sagaID := saga.NewID()
	require.NoError(t, e.deliver(releaseCmd(sagaID)))
	cmd := reserveCmd(sagaID, item("A", 4))
	first := e.lastReply(cmd)
	require.Equal(t, sdk.RefusedReason, first.Error.Message)

	e.requireSameReply(first, e.resend(cmd))
	inventorytest.RequireStock(t, e.store, "A", 10, 0)
}

func TestLostCompensationReplyIsSentAgain(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	c := e.counting(faults{})
	sagaID := saga.NewID()
	require.NoError(t, e.deliver(reserveCmd(sagaID, item("A", 4))))
	release := releaseCmd(sagaID)
	first := e.lastReply(release)
	require.Equal(t, string(inventory.InventoryReleased), first.Type)
	require.Nil(t, first.Error)

	e.requireSameReply(first, e.resend(release))
	inventorytest.RequireStock(t, e.store, "A", 10, 0)
	require.EqualValues(t, 1, c.undo.Load(), "the compensation did not run again")
}

// TestDuplicateActionAfterCompensationKeepsItsAnswer resends an action that
// ran, after its step was compensated: the duplicate gets the answer its
// message got, and nothing is reserved again.
func TestDuplicateActionAfterCompensationKeepsItsAnswer(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	c := e.counting(faults{})
	sagaID := saga.NewID()
	cmd := reserveCmd(sagaID, item("A", 4))
	first := e.lastReply(cmd)
	e.lastReply(releaseCmd(sagaID))

	e.requireSameReply(first, e.resend(cmd))
	inventorytest.RequireStock(t, e.store, "A", 10, 0)
	require.EqualValues(t, 1, c.do.Load())
}
