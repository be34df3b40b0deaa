package runner_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/orchestrator/ordersaga"
	"github.com/streamsaga/streamsaga/saga"
	"github.com/streamsaga/streamsaga/saga/driver/pgdriver"
	"github.com/streamsaga/streamsaga/saga/internal/runner"
	"github.com/streamsaga/streamsaga/saga/iocount"
	"github.com/streamsaga/streamsaga/saga/transport"
)

// newHeldFixture is newFixture whose order events start sagas in
// transactions the runner hears commit, so that it holds the sagas it
// started.
func newHeldFixture(t *testing.T) *fixture {
	f := newFixture(t)
	f.events = orderEvents(runner.TrackCommits(f.store), f.orders, f.runner)
	return f
}

// startOrder places an order and starts its saga; it returns the
// OrderCreated and the saga's first command.
func (f *fixture) startOrder(t *testing.T) (created, reserve saga.Envelope) {
	t.Helper()
	created = f.placeOrder(t)
	require.NoError(t, f.events.Handle(ctx, entry(t, created)))
	return created, f.commandOf(t, created.SagaID, ordersaga.ReserveInventory)
}

func (f *fixture) sagaVersion(t *testing.T, id string) int64 {
	t.Helper()
	inst, err := f.store.GetSaga(ctx, id)
	require.NoError(t, err)
	return inst.Version
}

func TestReplyToAHeldSagaTakesOneRoundTrip(t *testing.T) {
	f := newHeldFixture(t)
	if _, ok := f.store.(*pgdriver.Store); !ok {
		t.Skip("round trips are counted on PostgreSQL")
	}
	_, reserve := f.startOrder(t)
	before := iocount.Read().DBRoundTrips
	require.NoError(t, f.runner.HandleReply(ctx, entry(t, replyTo(reserve, ordersaga.InventoryReserved))))
	require.Equal(t, uint64(1), iocount.Read().DBRoundTrips-before,
		"the inbox row, the saga's save, its history and its next command travel with the commit")
	require.Equal(t, 1, f.outboxCount(t, ordersaga.ProcessPayment))

	// A runner that does not hold the saga loads it first: one more.
	other := f.runnerAt(t, &clock{now: time.Now()})
	_, reserve = f.startOrder(t)
	before = iocount.Read().DBRoundTrips
	require.NoError(t, other.HandleReply(ctx, entry(t, replyTo(reserve, ordersaga.InventoryReserved))))
	require.Equal(t, uint64(2), iocount.Read().DBRoundTrips-before)
	require.Equal(t, 2, f.outboxCount(t, ordersaga.ProcessPayment))
}

func TestHeldSagaSavedElsewhereIsLoadedAgain(t *testing.T) {
	f := newHeldFixture(t)
	created, reserve := f.startOrder(t)
	// Another process saved the saga since this runner did.
	_, err := f.db.ExecContext(ctx, "UPDATE sagas SET version = version + 1 WHERE id = $1", created.SagaID)
	require.NoError(t, err)
	v := f.sagaVersion(t, created.SagaID)

	require.NoError(t, f.runner.HandleReply(ctx, entry(t, replyTo(reserve, ordersaga.InventoryReserved))))
	require.Equal(t, v+1, f.sagaVersion(t, created.SagaID), "saved once, on the version it was loaded at")
	require.Equal(t, 1, f.outboxCount(t, ordersaga.ProcessPayment))
}

func TestDuplicateReplyToAHeldSagaChangesNothing(t *testing.T) {
	f := newHeldFixture(t)
	created, reserve := f.startOrder(t)
	reply := entry(t, replyTo(reserve, ordersaga.InventoryReserved))
	// The same reply twice in one read, then again in the next: the
	// runner holds the saga each time.
	require.Equal(t, []error{nil, nil}, f.runner.HandleReplies(ctx, []transport.Message{reply, reply}))
	v := f.sagaVersion(t, created.SagaID)
	require.NoError(t, f.runner.HandleReply(ctx, reply))
	require.Equal(t, []error{nil}, f.runner.HandleReplies(ctx, []transport.Message{reply}))

	require.Equal(t, v, f.sagaVersion(t, created.SagaID))
	require.Equal(t, 1, f.outboxCount(t, ordersaga.ProcessPayment))
	f.requireOrder(t, created.CorrelationID, "PENDING", created.SagaID)
}

// A held saga a reply finds behind the store ignores the reply, which the
// saga in the store takes: it is taken on a load.
func TestReplyAHeldSagaWouldIgnoreIsAppliedOnALoad(t *testing.T) {
	f := newHeldFixture(t)
	created, reserve := f.startOrder(t)
	// Another orchestrator process takes the inventory's reply: the saga
	// moves on to the payment without this runner.
	other := f.runnerAt(t, &clock{now: created.Time})
	require.NoError(t, other.HandleReply(ctx, entry(t, replyTo(reserve, ordersaga.InventoryReserved))))

	pay := f.commandOf(t, created.SagaID, ordersaga.ProcessPayment)
	require.NoError(t, f.runner.HandleReply(ctx, entry(t, replyTo(pay, ordersaga.PaymentProcessed))))
	f.requireOrder(t, created.CorrelationID, "APPROVED", created.SagaID)
	inst, err := f.store.GetSaga(ctx, created.SagaID)
	require.NoError(t, err)
	require.Equal(t, saga.StateCompleted, inst.State)
}

func TestFinishingReplyToAHeldSagaTakesOneRoundTrip(t *testing.T) {
	f := newHeldFixture(t)
	if _, ok := f.store.(*pgdriver.Store); !ok {
		t.Skip("round trips are counted on PostgreSQL")
	}
	created, reserve := f.startOrder(t)
	require.NoError(t, f.runner.HandleReply(ctx, entry(t, replyTo(reserve, ordersaga.InventoryReserved))))
	pay := f.commandOf(t, created.SagaID, ordersaga.ProcessPayment)
	before := iocount.Read().DBRoundTrips
	require.NoError(t, f.runner.HandleReply(ctx, entry(t, replyTo(pay, ordersaga.PaymentProcessed))))
	require.Equal(t, uint64(1), iocount.Read().DBRoundTrips-before,
		"the order's outcome, its event and the history travel with the commit too")
	f.requireOrder(t, created.CorrelationID, "APPROVED", created.SagaID)
	require.Equal(t, 1, f.outboxCount(t, ordersaga.OrderApproved))
}

// A saga whose overdue command the timer sent again is held as the timer
// saved it: the reply to the resent command takes one round trip.
func TestReplyToACommandTheTimerResentTakesOneRoundTrip(t *testing.T) {
	f := newFixture(t)
	if _, ok := f.store.(*pgdriver.Store); !ok {
		t.Skip("round trips are counted on PostgreSQL")
	}
	c := &clock{now: time.Now()}
	r, events := f.runnerOver(t, runner.TrackCommits(f.store), c)
	created := f.placeOrder(t)
	require.NoError(t, events.Handle(ctx, entry(t, created)))

	c.advance(11 * time.Second)
	n, err := r.FireDue(ctx, 10)
	require.NoError(t, err)
	require.Equal(t, 1, n)
	resent := f.lastCommandOf(t, created.SagaID, ordersaga.ReserveInventory)
	require.Equal(t, 2, resent.Attempt)

	before := iocount.Read().DBRoundTrips
	require.NoError(t, r.HandleReply(ctx, entry(t, replyTo(resent, ordersaga.InventoryReserved))))
	require.Equal(t, uint64(1), iocount.Read().DBRoundTrips-before)
	require.Equal(t, 1, f.outboxCount(t, ordersaga.ProcessPayment))
}
