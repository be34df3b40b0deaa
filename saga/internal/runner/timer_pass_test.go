package runner_test

import (
	"context"
	"io"
	"testing"
	"time"

	"github.com/sirupsen/logrus"
	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/orchestrator/ordersaga"
	"github.com/streamsaga/streamsaga/saga"
	"github.com/streamsaga/streamsaga/saga/driver"
	"github.com/streamsaga/streamsaga/saga/internal/runner"
)

// timed is a runner on a store counting its transactions and a clock of its own.
type timed struct {
	*runner.Runner
	store *countingStore
	clock *clock
}

func (f *fixture) timedRunner(t *testing.T, c *clock) timed {
	reg, err := saga.NewRegistry(ordersaga.Definition())
	require.NoError(t, err)
	l := logrus.New()
	l.SetOutput(io.Discard)
	st := &countingStore{Store: f.store}
	r, err := runner.New(runner.Config{Store: st, Registry: reg, Logger: logrus.NewEntry(l), Now: c.Now})
	require.NoError(t, err)
	orderEvents(f.store, f.orders, r)
	return timed{Runner: r, store: st, clock: c}
}

// passes runs a pass every 250 ms of the clock, the last one d from now,
// and returns how many transactions they began.
func (r timed) passes(t *testing.T, d time.Duration) int {
	t.Helper()
	before := r.store.txs
	for end := r.clock.Now().Add(d); r.clock.Now().Before(end); {
		r.clock.advance(min(250*time.Millisecond, end.Sub(r.clock.Now())))
		require.NoError(t, r.TimerPass(ctx, 64))
	}
	return r.store.txs - before
}

func TestIdleTimerPassesAskOnlyForFullLooks(t *testing.T) {
	f := newFixture(t)
	r := f.timedRunner(t, &clock{now: time.Now()})
	require.NoError(t, r.TimerPass(ctx, 64))
	require.Equal(t, 1, r.store.txs, "the first pass looks")
	require.Equal(t, 3, r.passes(t, 3*time.Second), "12 passes, a full look a second")
}

func TestTimerPassFiresItsOwnRetryAtItsDeadline(t *testing.T) {
	f := newFixture(t)
	c := &clock{now: time.Now()}
	r := f.timedRunner(t, c)
	require.NoError(t, r.TimerPass(ctx, 64))
	created := f.placeOrder(t)
	require.NoError(t, f.events.Handle(ctx, entry(t, created)))
	busy := replyTo(f.command(t, ordersaga.ReserveInventory), ordersaga.InventoryReservationFailed)
	busy.Error = &saga.ReplyError{Message: "database busy", Retryable: true}
	require.NoError(t, r.HandleReply(ctx, entry(t, busy)))
	deadline := nextDeadline(t, f, created.SagaID)
	require.Less(t, deadline.Sub(c.Now()), time.Second, "a retry backoff, due before the next full look")

	before := r.store.txs
	c.advance(deadline.Sub(c.Now()) - time.Microsecond)
	require.NoError(t, r.TimerPass(ctx, 64))
	require.Equal(t, before, r.store.txs, "not due yet: no transaction")
	c.advance(2 * time.Microsecond) // the stored deadline keeps whole microseconds
	require.NoError(t, r.TimerPass(ctx, 64))
	require.Equal(t, before+1, r.store.txs, "due: one look")
	rows, ids := f.distinctCommands(t, ordersaga.ReserveInventory)
	require.Equal(t, 2, rows, "the retry went out at its deadline, before any full look")
	require.Equal(t, 2, ids)
}

func TestTimerPassFiresItsOwnTimeoutBetweenFullLooks(t *testing.T) {
	f := newFixture(t)
	c := &clock{now: time.Now()}
	r := f.timedRunner(t, c)
	created := f.placeOrder(t)
	require.NoError(t, f.store.InTx(ctx, func(ctx context.Context, tx driver.Tx) error {
		return r.StartMany(ctx, tx, ordersaga.SagaType, []saga.StartInput{{ID: created.SagaID,
			CorrelationID: created.CorrelationID, Data: created.Data}})
	}))
	deadline := nextDeadline(t, f, created.SagaID) // the step's 10 s timeout
	// Passes from 100 ms on: the full looks fall 100 ms past each second,
	// so only the hint can fire the timeout at the first pass past it.
	c.advance(100 * time.Millisecond)
	require.NoError(t, r.TimerPass(ctx, 64))
	looks := r.passes(t, deadline.Sub(c.Now())-time.Millisecond)
	require.Equal(t, 1, f.outboxCount(t, ordersaga.ReserveInventory), "not resent before its deadline")
	require.LessOrEqual(t, looks, 10, "full looks only, about one a second")

	c.advance(time.Millisecond)
	require.NoError(t, r.TimerPass(ctx, 64))
	require.Equal(t, 2, f.outboxCount(t, ordersaga.ReserveInventory), "resent at the first pass past its deadline")
}

func TestTimerPassFindsAnotherRunnersDeadlineAtTheNextFullLook(t *testing.T) {
	f := newFixture(t)
	c := &clock{now: time.Now()}
	r1, r2 := f.timedRunner(t, c), f.timedRunner(t, c)
	require.NoError(t, r1.TimerPass(ctx, 64))
	lastLook := c.Now()
	created := f.placeOrder(t)
	require.NoError(t, f.events.Handle(ctx, entry(t, created)))
	busy := replyTo(f.command(t, ordersaga.ReserveInventory), ordersaga.InventoryReservationFailed)
	busy.Error = &saga.ReplyError{Message: "database busy", Retryable: true}
	require.NoError(t, r2.HandleReply(ctx, entry(t, busy)), "the other runner writes the retry")
	deadline := nextDeadline(t, f, created.SagaID)

	for c.Now().Before(lastLook.Add(time.Second - 250*time.Millisecond)) {
		c.advance(250 * time.Millisecond)
		before := r1.store.txs
		require.NoError(t, r1.TimerPass(ctx, 64))
		require.Equal(t, before, r1.store.txs, "r1 knows nothing due before its full look")
	}
	require.False(t, c.Now().Before(deadline), "the retry came due while r1 waited")
	require.Equal(t, 1, f.outboxCount(t, ordersaga.ReserveInventory))
	c.advance(250 * time.Millisecond)
	require.NoError(t, r1.TimerPass(ctx, 64))
	require.Equal(t, 2, f.outboxCount(t, ordersaga.ReserveInventory), "r1's full look, a second after its last, fired it")
}

// nextDeadline is the saga's stored next deadline.
func nextDeadline(t *testing.T, f *fixture, id string) time.Time {
	t.Helper()
	inst, err := f.store.GetSaga(ctx, id)
	require.NoError(t, err)
	require.NotNil(t, inst.NextDeadline())
	return *inst.NextDeadline()
}
