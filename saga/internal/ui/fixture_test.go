package ui_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/sirupsen/logrus"
	"github.com/stretchr/testify/require"

	orderapi "github.com/streamsaga/streamsaga/orchestrator/api"
	"github.com/streamsaga/streamsaga/orchestrator/orders"
	"github.com/streamsaga/streamsaga/orchestrator/ordersaga"
	"github.com/streamsaga/streamsaga/orchestrator/orderstore/ordersqlite"
	"github.com/streamsaga/streamsaga/saga"
	"github.com/streamsaga/streamsaga/saga/driver"
	"github.com/streamsaga/streamsaga/saga/driver/sqlitedriver"
	"github.com/streamsaga/streamsaga/saga/internal/runner"
	"github.com/streamsaga/streamsaga/saga/internal/sagahttp"
	"github.com/streamsaga/streamsaga/saga/internal/ui"
	"github.com/streamsaga/streamsaga/saga/sqlite"
	"github.com/streamsaga/streamsaga/saga/stream"
	"github.com/streamsaga/streamsaga/saga/transport"
)

// fixture is the orchestrator's real API handler, explorer included, over
// an embedded SQLite store, with a runner whose clock the test moves.
type fixture struct {
	db     *sqlite.DB
	store  driver.Store
	runner *runner.Runner
	events *orders.Events
	orders *orders.Service
	clock  *clock
	srv    *httptest.Server
}

// clock is a settable time source for the runner.
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

func quietLog() *logrus.Entry {
	l := logrus.New()
	l.SetOutput(io.Discard)
	return logrus.NewEntry(l)
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	db, err := ordersqlite.Open(t.Context(), filepath.Join(t.TempDir(), "o.db"))
	require.NoError(t, err)
	t.Cleanup(func() { require.NoError(t, db.Close()) })
	st := sqlitedriver.New(db)
	reg, err := saga.NewRegistry(ordersaga.Definition())
	require.NoError(t, err)
	c := &clock{now: time.Now().UTC()}
	r, err := runner.New(runner.Config{Store: st, Registry: reg, Logger: quietLog(), Now: c.Now})
	require.NoError(t, err)
	svc := orders.NewService(st, ordersqlite.New(db), nil)
	srv := httptest.NewServer(sagahttp.New(st, quietLog()).WithResumer(r).WithApp(ui.App{Noun: "order",
		Find: svc.SagaOfOrder, NotStarted: orderapi.New(svc, quietLog(), nil).SagaNotStarted}).Handler())
	t.Cleanup(srv.Close)
	return &fixture{db: db, store: st, runner: r, events: orderEvents(st, ordersqlite.New(db), r), orders: svc, clock: c, srv: srv}
}

// startOrder places an order through the order service and hands its
// OrderCreated event, as stored in the outbox, to the orchestrator's
// handler, which starts the saga. It returns the order's and saga's ids.
func (f *fixture) startOrder(t *testing.T) (orderID, sagaID string) {
	t.Helper()
	placed, err := f.orders.Place(t.Context(), orders.PlaceRequest{CustomerID: "c1",
		Items: []ordersaga.Item{{SKU: "A", Quantity: 2, UnitPriceCents: 1250}}}, "", "")
	require.NoError(t, err)
	env := f.outboxEvent(t, ordersaga.OrderCreated, placed.Order.SagaID)
	require.NoError(t, f.events.Handle(t.Context(), message(t, env)))
	return placed.Order.ID, placed.Order.SagaID
}

// outboxEvent is the message of type msgType for saga sagaID in the outbox.
func (f *fixture) outboxEvent(t *testing.T, msgType, sagaID string) saga.Envelope {
	t.Helper()
	rows, err := f.db.SQL.QueryContext(t.Context(), "SELECT payload FROM outbox WHERE message_type = ?", msgType)
	require.NoError(t, err)
	defer rows.Close()
	for rows.Next() {
		var payload string
		require.NoError(t, rows.Scan(&payload))
		env, err := saga.DecodeEnvelope([]byte(payload))
		require.NoError(t, err)
		if env.SagaID == sagaID {
			return env
		}
	}
	require.NoError(t, rows.Err())
	t.Fatalf("no %s for saga %s in the outbox", msgType, sagaID)
	return saga.Envelope{}
}

func message(t *testing.T, env saga.Envelope) transport.Message {
	t.Helper()
	b, err := env.Encode()
	require.NoError(t, err)
	return transport.Message{ID: "1-0", Fields: map[string]string{stream.FieldEnvelope: string(b)}, Deliveries: 1}
}

// reply answers the command that step of the saga waits for (its
// compensation while it compensates) with a reply of type typ; a non-empty
// errMsg makes it a failure.
func (f *fixture) reply(t *testing.T, sagaID, step, typ, errMsg string) {
	t.Helper()
	f.clock.advance(120 * time.Millisecond) // a participant takes a moment to answer
	in, err := f.store.GetSaga(t.Context(), sagaID)
	require.NoError(t, err)
	idx := ordersaga.Definition().StepIndex(step)
	require.GreaterOrEqual(t, idx, 0, "step %s", step)
	rec := in.Steps[idx]
	cause := rec.CommandID
	if rec.State == saga.StepCompensating {
		cause = rec.CompensationID
	}
	env := saga.Envelope{MessageID: saga.NewID(), Type: typ, SagaID: sagaID, Step: step,
		CausationID: cause, Time: f.clock.Now()}
	if errMsg != "" {
		env.Error = &saga.ReplyError{Message: errMsg}
	}
	require.NoError(t, f.runner.HandleReply(t.Context(), message(t, env)))
}

// compensatedSaga runs an order whose reservation succeeds, whose payment
// fails with reason and whose reservation is then released.
func (f *fixture) compensatedSaga(t *testing.T, reason string) (orderID, sagaID string) {
	t.Helper()
	orderID, sagaID = f.startOrder(t)
	f.reply(t, sagaID, ordersaga.StepReserveInventory, ordersaga.InventoryReserved, "")
	f.reply(t, sagaID, ordersaga.StepProcessPayment, ordersaga.PaymentFailed, reason)
	f.reply(t, sagaID, ordersaga.StepReserveInventory, ordersaga.InventoryReleased, "")
	f.requireState(t, sagaID, saga.StateCompensated)
	return orderID, sagaID
}

// failedSaga runs an order whose payment fails and whose release never
// gets an answer: the runner's timer resends it until its retries are
// spent and the saga is left FAILED for an operator.
func (f *fixture) failedSaga(t *testing.T) (orderID, sagaID string) {
	t.Helper()
	orderID, sagaID = f.startOrder(t)
	f.reply(t, sagaID, ordersaga.StepReserveInventory, ordersaga.InventoryReserved, "")
	f.reply(t, sagaID, ordersaga.StepProcessPayment, ordersaga.PaymentFailed, "card declined")
	for range 6 {
		f.clock.advance(11 * time.Second)
		_, err := f.runner.FireDue(t.Context(), 10)
		require.NoError(t, err)
	}
	f.requireState(t, sagaID, saga.StateFailed)
	return orderID, sagaID
}

func (f *fixture) requireState(t *testing.T, sagaID string, want saga.State) {
	t.Helper()
	in, err := f.store.GetSaga(context.WithoutCancel(t.Context()), sagaID)
	require.NoError(t, err)
	require.Equal(t, want, in.State, "saga %s (failure %q)", sagaID, in.Failure)
}

// history is the saga's stored history.
func (f *fixture) history(t *testing.T, sagaID string) []saga.HistoryEntry {
	t.Helper()
	hist, err := f.store.History(t.Context(), sagaID)
	require.NoError(t, err)
	return hist
}

// noRedirects is a client that returns redirects instead of following them.
var noRedirects = &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error {
	return http.ErrUseLastResponse
}}
