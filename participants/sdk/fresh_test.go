package sdk_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/participants/inventory"
	"github.com/streamsaga/streamsaga/participants/inventory/inventorytest"
	"github.com/streamsaga/streamsaga/participants/sdk"
	"github.com/streamsaga/streamsaga/saga"
	"github.com/streamsaga/streamsaga/saga/iocount"
	"github.com/streamsaga/streamsaga/saga/testenv"
)

// another returns a second participant over e's store, as another process
// of the service would be: it remembers none of the steps e.p handled.
func (e *env) another() *sdk.Participant[inventory.Tx] {
	p, err := inventory.NewParticipant(e.store, quietLogger())
	require.NoError(e.t, err)
	return p
}

// TestFreshCommandSavesARoundTrip checks that a command nothing has
// happened to takes a round trip less than the same work for a step the
// participant saw before (a retried attempt): its inbox row and barrier
// record travel with the service's first statement.
func TestFreshCommandSavesARoundTrip(t *testing.T) {
	if !testenv.HasPostgres() {
		t.Skip("round trips are counted on PostgreSQL")
	}
	e := newEnv(t)
	e.counting(faults{do: 1})
	failed := reserveCmd(saga.NewID(), item("A", 1))
	require.NoError(t, e.deliver(failed), "answered with a retryable reply")

	before := iocount.Read().DBRoundTrips
	require.NoError(t, e.deliver(reserveCmd(saga.NewID(), item("A", 1))))
	fresh := iocount.Read().DBRoundTrips - before

	retried := reserveCmd(failed.SagaID, item("A", 1))
	retried.Attempt = 2
	before = iocount.Read().DBRoundTrips
	require.NoError(t, e.deliver(retried))
	careful := iocount.Read().DBRoundTrips - before
	t.Logf("round trips: fresh %d, careful %d", fresh, careful)
	require.Equal(t, careful-1, fresh)
	inventorytest.RequireStock(t, e.store, "A", 8, 2)
}

// handledOnce returns an env whose participant reserved 4 of A for a
// command, with the command and its reply.
func handledOnce(t *testing.T) (*env, saga.Envelope, saga.Envelope) {
	e := newEnv(t)
	cmd := reserveCmd(saga.NewID(), item("A", 4))
	require.NoError(t, e.deliver(cmd))
	return e, cmd, e.replies()[0]
}

// TestFreshDuplicateAtAnotherProcess checks that a command delivered again
// to a participant that never saw it (another process of the service) is
// answered as a duplicate: its fresh try fails the inbox check and the
// transaction runs again reading the inbox and barrier, so the stock moves
// once and the reply is the first one again.
func TestFreshDuplicateAtAnotherProcess(t *testing.T) {
	t.Parallel()
	e, cmd, first := handledOnce(t)
	require.NoError(t, e.another().Handle(e.ctx(), entryOf(t, cmd)))
	inventorytest.RequireStock(t, e.store, "A", 6, 4)
	replies := e.replies()
	require.Len(t, replies, 2)
	e.requireSameReply(first, replies[1])
}

// TestFreshActionAfterCompensationAtAnotherProcess checks that an action
// whose step was compensated first, by another process, is refused: its
// fresh try fails the barrier check.
func TestFreshActionAfterCompensationAtAnotherProcess(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	sagaID := saga.NewID()
	require.NoError(t, e.deliver(releaseCmd(sagaID)))

	require.NoError(t, e.another().Handle(e.ctx(), entryOf(t, reserveCmd(sagaID, item("A", 4)))))
	inventorytest.RequireStock(t, e.store, "A", 10, 0)
	replies := e.replies()
	require.Len(t, replies, 2)
	require.Equal(t, string(inventory.InventoryReservationFailed), replies[1].Type)
	require.Equal(t, sdk.RefusedReason, replies[1].Error.Message)
	require.True(t, e.barrierOf(sagaID).Compensated)
}

// TestFreshBatchWithADuplicateAtAnotherProcess checks a read of several
// commands, one of them handled before by another process: the fresh try
// of the whole read fails and every command gets the answer it would have
// had without it.
func TestFreshBatchWithADuplicateAtAnotherProcess(t *testing.T) {
	t.Parallel()
	e, seen, first := handledOnce(t)
	e.p = e.another()
	requireNoErrors(t, e.deliverBatch(reserveCmd(saga.NewID(), item("A", 1)), seen, reserveCmd(saga.NewID(), item("B", 2))))
	inventorytest.RequireStock(t, e.store, "A", 5, 5)
	inventorytest.RequireStock(t, e.store, "B", 3, 2)
	replies := e.replies()
	require.Len(t, replies, 4)
	e.requireSameReply(first, replies[2])
	require.Equal(t, string(inventory.InventoryReserved), replies[1].Type)
	require.Equal(t, string(inventory.InventoryReserved), replies[3].Type)
}
