package runner_test

import (
	"context"
	"io"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/sirupsen/logrus"
	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/orchestrator/orders"
	"github.com/streamsaga/streamsaga/orchestrator/ordersaga"
	"github.com/streamsaga/streamsaga/saga"
	"github.com/streamsaga/streamsaga/saga/driver"
	"github.com/streamsaga/streamsaga/saga/internal/runner"
)

// clock is a settable time source shared by runners.
type clock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *clock) advance(d time.Duration) {
	c.mu.Lock()
	c.now = c.now.Add(d)
	c.mu.Unlock()
}

func (f *fixture) runnerAt(t *testing.T, c *clock) *runner.Runner {
	r, _ := f.runnerOver(t, f.store, c)
	return r
}

// runnerOver is a runner over st on c's clock and the order events that
// start its sagas.
func (f *fixture) runnerOver(t *testing.T, st driver.Store, c *clock) (*runner.Runner, *orders.Events) {
	reg, err := saga.NewRegistry(ordersaga.Definition())
	require.NoError(t, err)
	l := logrus.New()
	l.SetOutput(io.Discard)
	r, err := runner.New(runner.Config{Store: st, Registry: reg, Logger: logrus.NewEntry(l), Now: c.Now})
	require.NoError(t, err)
	return r, orderEvents(st, f.orders, r)
}

func (f *fixture) distinctCommands(t *testing.T, msgType string) (rows, ids int) {
	require.NoError(t, f.db.QueryRowContext(ctx, "SELECT count(*), count(DISTINCT message_id) FROM outbox WHERE message_type = $1", msgType).Scan(&rows, &ids))
	return rows, ids
}

func TestOverdueCommandIsResentThenCompensated(t *testing.T) {
	f := newFixture(t)
	c := &clock{now: time.Now()}
	r := f.runnerAt(t, c)
	created := f.placeOrder(t)
	require.NoError(t, f.events.Handle(ctx, entry(t, created)))

	n, err := r.FireDue(ctx, 10)
	require.NoError(t, err)
	require.Zero(t, n, "nothing is due yet")

	// Every timeout resends the same command, up to the step's 5 attempts.
	for attempt := 2; attempt <= 5; attempt++ {
		c.advance(11 * time.Second)
		n, err = r.FireDue(ctx, 10)
		require.NoError(t, err)
		require.Equal(t, 1, n)
		rows, ids := f.distinctCommands(t, ordersaga.ReserveInventory)
		require.Equal(t, attempt, rows)
		require.Equal(t, 1, ids, "a resend keeps its message id")
	}
	c.advance(11 * time.Second)
	_, err = r.FireDue(ctx, 10)
	require.NoError(t, err)
	inst, err := f.store.GetSaga(ctx, created.SagaID)
	require.NoError(t, err)
	require.Equal(t, saga.StateCompensating, inst.State)
	require.Equal(t, 1, f.outboxCount(t, ordersaga.ReleaseInventory), "the step's action may have run: it is undone")
	require.Contains(t, inst.Failure, "no reply after 5 attempts")

	release := f.command(t, ordersaga.ReleaseInventory)
	require.NoError(t, r.HandleReply(ctx, entry(t, replyTo(release, ordersaga.InventoryReleased))))
	o, err := f.orders.GetOrder(ctx, created.CorrelationID)
	require.NoError(t, err)
	require.Equal(t, "REJECTED", string(o.Status))
}

func TestTwoOrchestratorsFireATimerOnce(t *testing.T) {
	f := newFixture(t)
	for range 20 {
		require.NoError(t, f.events.Handle(ctx, entry(t, f.placeOrder(t))))
	}
	// The sagas started on the real clock: the test's clock starts after
	// the last of them, so that every deadline has passed 11 s later
	// however long the starts took.
	c := &clock{now: time.Now()}
	r1, r2 := f.runnerAt(t, c), f.runnerAt(t, c)
	c.advance(11 * time.Second)
	var wg sync.WaitGroup
	for _, r := range []*runner.Runner{r1, r2, r1, r2} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			require.NoError(t, r.FireAllDue(context.Background(), 3))
		}()
	}
	wg.Wait()
	rows, ids := f.distinctCommands(t, ordersaga.ReserveInventory)
	require.Equal(t, 20, ids)
	require.Equal(t, 40, rows, "each saga's command was resent exactly once")
}

func TestRetryableReplyBacksOffThenSendsNewAttempt(t *testing.T) {
	f := newFixture(t)
	c := &clock{now: time.Now()}
	r := f.runnerAt(t, c)
	created := f.placeOrder(t)
	require.NoError(t, f.events.Handle(ctx, entry(t, created)))
	cmd := f.command(t, ordersaga.ReserveInventory)
	busy := replyTo(cmd, ordersaga.InventoryReservationFailed)
	busy.Error = &saga.ReplyError{Message: "database busy", Retryable: true}
	require.NoError(t, r.HandleReply(ctx, entry(t, busy)))

	inst, err := f.store.GetSaga(ctx, created.SagaID)
	require.NoError(t, err)
	require.Equal(t, saga.StateRunning, inst.State)
	require.True(t, inst.Steps[0].RetryPending)
	require.Equal(t, "database busy", inst.Steps[0].LastError)

	c.advance(time.Second)
	_, err = r.FireDue(ctx, 10)
	require.NoError(t, err)
	rows, ids := f.distinctCommands(t, ordersaga.ReserveInventory)
	require.Equal(t, 2, rows)
	require.Equal(t, 2, ids, "a retry after an error is a new attempt with a new id")
	inst, err = f.store.GetSaga(ctx, created.SagaID)
	require.NoError(t, err)
	require.Equal(t, 2, inst.Steps[0].Attempts)
}

func TestOperatorResumesFailedSaga(t *testing.T) {
	f := newFixture(t)
	c := &clock{now: time.Now()}
	r := f.runnerAt(t, c)
	created := f.placeOrder(t)
	require.NoError(t, f.events.Handle(ctx, entry(t, created)))
	reserve := f.command(t, ordersaga.ReserveInventory)
	require.NoError(t, r.HandleReply(ctx, entry(t, replyTo(reserve, ordersaga.InventoryReserved))))
	failed := replyTo(f.command(t, ordersaga.ProcessPayment), ordersaga.PaymentFailed)
	failed.Error = &saga.ReplyError{Message: "declined"}
	require.NoError(t, r.HandleReply(ctx, entry(t, failed)))
	for range 6 { // the compensation never gets an answer
		c.advance(11 * time.Second)
		_, err := r.FireDue(ctx, 10)
		require.NoError(t, err)
	}
	inst, err := f.store.GetSaga(ctx, created.SagaID)
	require.NoError(t, err)
	require.Equal(t, saga.StateFailed, inst.State)

	inst, err = r.Resume(ctx, created.SagaID, "alice")
	require.NoError(t, err)
	require.Equal(t, saga.StateCompensating, inst.State)
	hist, err := f.store.History(ctx, created.SagaID)
	require.NoError(t, err)
	require.True(t, hasOperatorLine(hist, "alice"), "the operator action is in the history")

	var releaseID string
	require.NoError(t, f.db.QueryRowContext(ctx, `SELECT message_id FROM outbox WHERE message_type = $1 ORDER BY id DESC LIMIT 1`,
		ordersaga.ReleaseInventory).Scan(&releaseID))
	rel := saga.Envelope{MessageID: saga.NewID(), Type: ordersaga.InventoryReleased, SagaID: created.SagaID,
		Step: ordersaga.StepReserveInventory, CausationID: releaseID, Time: time.Now()}
	require.NoError(t, r.HandleReply(ctx, entry(t, rel)))
	o, err := f.orders.GetOrder(ctx, created.CorrelationID)
	require.NoError(t, err)
	require.Equal(t, "REJECTED", string(o.Status))

	_, err = r.Resume(ctx, created.SagaID, "alice")
	require.ErrorIs(t, err, saga.ErrNotResumable)
}

func hasOperatorLine(hist []saga.HistoryEntry, who string) bool {
	for _, h := range hist {
		if h.Kind == saga.HistoryOperator && strings.Contains(h.Detail, who) {
			return true
		}
	}
	return false
}
