package runner_test

import (
	"context"
	"database/sql"
	"encoding/json"
	"io"
	"sync"
	"testing"
	"time"

	"github.com/sirupsen/logrus"
	logtest "github.com/sirupsen/logrus/hooks/test"
	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/orchestrator/orders"
	"github.com/streamsaga/streamsaga/orchestrator/ordersaga"
	"github.com/streamsaga/streamsaga/orchestrator/orderstore"
	"github.com/streamsaga/streamsaga/orchestrator/orderstore/orderenv"
	"github.com/streamsaga/streamsaga/saga"
	"github.com/streamsaga/streamsaga/saga/driver"
	"github.com/streamsaga/streamsaga/saga/internal/runner"
	"github.com/streamsaga/streamsaga/saga/stream"
	"github.com/streamsaga/streamsaga/saga/transport"
)

// fixture is a runner over a fresh store: PostgreSQL, or a SQLite file
// where no PostgreSQL answers (and services are not required), with the
// order store over the same database. db reads the tables directly.
type fixture struct {
	db     *sql.DB
	store  driver.Store
	orders orderstore.Store
	runner *runner.Runner
	events *orders.Events
	logs   *logtest.Hook
}

var ctx = context.Background()

func newFixture(t *testing.T) *fixture {
	db, st, orderStore := orderenv.Open(t)
	reg, err := saga.NewRegistry(ordersaga.Definition())
	require.NoError(t, err)
	l := logrus.New()
	l.SetOutput(io.Discard)
	logs := logtest.NewLocal(l)
	r, err := runner.New(runner.Config{Store: st, Registry: reg, Logger: logrus.NewEntry(l)})
	require.NoError(t, err)
	return &fixture{db: db, store: st, orders: orderStore, runner: r, events: orderEvents(st, orderStore, r), logs: logs}
}

func entry(t *testing.T, env saga.Envelope) transport.Message {
	b, err := env.Encode()
	require.NoError(t, err)
	return transport.Message{ID: "1-0", Fields: map[string]string{stream.FieldEnvelope: string(b)}, Deliveries: 1}
}

// placeOrder writes an order row and returns its OrderCreated envelope.
func (f *fixture) placeOrder(t *testing.T) saga.Envelope {
	placed, err := orders.NewService(f.store, f.orders, nil).Place(ctx, orders.PlaceRequest{CustomerID: "c1",
		Items: []ordersaga.Item{{SKU: "A", Quantity: 1, UnitPriceCents: 100}}}, "", "")
	require.NoError(t, err)
	data, _ := json.Marshal(ordersaga.Data{OrderID: placed.Order.ID, CustomerID: "c1", Items: placed.Order.Items, TotalCents: 100})
	return saga.Envelope{MessageID: saga.NewID(), Type: ordersaga.OrderCreated, SagaID: placed.Order.SagaID,
		CorrelationID: placed.Order.ID, TraceParent: saga.NewTraceParent(), Time: time.Now(), Data: data}
}

func (f *fixture) outboxCount(t *testing.T, msgType string) int {
	var n int
	require.NoError(t, f.db.QueryRowContext(ctx, "SELECT count(*) FROM outbox WHERE message_type = $1", msgType).Scan(&n))
	return n
}

func (f *fixture) command(t *testing.T, msgType string) saga.Envelope {
	var payload string
	require.NoError(t, f.db.QueryRowContext(ctx, "SELECT payload FROM outbox WHERE message_type = $1", msgType).Scan(&payload))
	env, err := saga.DecodeEnvelope([]byte(payload))
	require.NoError(t, err)
	return env
}

// replyTo answers cmd with a reply of type typ whose data repeats the
// command's, as the participants' replies do (order_id, amount_cents).
func replyTo(cmd saga.Envelope, typ string) saga.Envelope {
	return saga.Envelope{MessageID: saga.NewID(), Type: typ, SagaID: cmd.SagaID, Step: cmd.Step,
		CausationID: cmd.MessageID, Time: time.Now(), Data: cmd.Data}
}

func TestOrderCreatedStartsSagaOnce(t *testing.T) {
	f := newFixture(t)
	created := f.placeOrder(t)
	require.NoError(t, f.events.Handle(ctx, entry(t, created)))
	require.NoError(t, f.events.Handle(ctx, entry(t, created))) // duplicate delivery
	again := created
	again.MessageID = saga.NewID() // the same event published twice under another id
	require.NoError(t, f.events.Handle(ctx, entry(t, again)))

	require.Equal(t, 1, f.outboxCount(t, ordersaga.ReserveInventory))
	inst, err := f.store.GetSaga(ctx, created.SagaID)
	require.NoError(t, err)
	require.Equal(t, saga.StateRunning, inst.State)
	cmd := f.command(t, ordersaga.ReserveInventory)
	require.Equal(t, saga.TraceID(created.TraceParent), saga.TraceID(cmd.TraceParent), "trace id travels")
	require.Equal(t, stream.OrchestratorReply, cmd.ReplyTo)
}

func TestMalformedEventsArePermanent(t *testing.T) {
	f := newFixture(t)
	err := f.events.Handle(ctx, transport.Message{Fields: map[string]string{stream.FieldEnvelope: "{garbage"}})
	require.True(t, saga.IsPermanent(err))
	env := f.placeOrder(t)
	env.Data = json.RawMessage(`{"order_id": 5}`)
	require.True(t, saga.IsPermanent(f.events.Handle(ctx, entry(t, env))))
	err = f.runner.HandleReply(ctx, transport.Message{Fields: map[string]string{stream.FieldEnvelope: `{"message_id":"x"}`}})
	require.True(t, saga.IsPermanent(err))
	// Events that are not OrderCreated are acknowledged without effect.
	other := saga.Envelope{MessageID: saga.NewID(), Type: ordersaga.OrderApproved, Time: time.Now()}
	require.NoError(t, f.events.Handle(ctx, entry(t, other)))
}

func TestRacingRepliesAdvanceOnce(t *testing.T) {
	f := newFixture(t)
	created := f.placeOrder(t)
	require.NoError(t, f.events.Handle(ctx, entry(t, created)))
	cmd := f.command(t, ordersaga.ReserveInventory)

	// The same answer arrives eight times under different message ids, all
	// at once: exactly one may advance the saga.
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs <- f.runner.HandleReply(ctx, entry(t, replyTo(cmd, ordersaga.InventoryReserved)))
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		require.NoError(t, err)
	}
	require.Equal(t, 1, f.outboxCount(t, ordersaga.ProcessPayment))
	inst, err := f.store.GetSaga(ctx, created.SagaID)
	require.NoError(t, err)
	require.Equal(t, int64(2), inst.Version)
	hist, err := f.store.History(ctx, created.SagaID)
	require.NoError(t, err)
	ignored := 0
	for _, h := range hist {
		if h.Kind == saga.HistoryReplyIgnored {
			ignored++
		}
	}
	require.Equal(t, 7, ignored)
}

func TestSagaEndUpdatesOrderAndAnnounces(t *testing.T) {
	f := newFixture(t)
	created := f.placeOrder(t)
	require.NoError(t, f.events.Handle(ctx, entry(t, created)))
	reserve := f.command(t, ordersaga.ReserveInventory)
	require.NoError(t, f.runner.HandleReply(ctx, entry(t, replyTo(reserve, ordersaga.InventoryReserved))))
	pay := f.command(t, ordersaga.ProcessPayment)
	failed := replyTo(pay, ordersaga.PaymentFailed)
	failed.Error = &saga.ReplyError{Message: "insufficient funds"}
	require.NoError(t, f.runner.HandleReply(ctx, entry(t, failed)))
	release := f.command(t, ordersaga.ReleaseInventory)
	require.Equal(t, reserve.Step, release.Step)
	require.NoError(t, f.runner.HandleReply(ctx, entry(t, replyTo(release, ordersaga.InventoryReleased))))

	o, err := f.orders.GetOrder(ctx, created.CorrelationID)
	require.NoError(t, err)
	require.Equal(t, "REJECTED", string(o.Status))
	require.Equal(t, "insufficient funds", o.Reason)
	require.Equal(t, 1, f.outboxCount(t, ordersaga.OrderRejected))
	// A late duplicate of the failure changes nothing.
	require.NoError(t, f.runner.HandleReply(ctx, entry(t, failed)))
	require.Equal(t, 1, f.outboxCount(t, ordersaga.OrderRejected))
}

func TestReplyForUnknownSagaIsAcknowledged(t *testing.T) {
	f := newFixture(t)
	env := saga.Envelope{MessageID: saga.NewID(), Type: ordersaga.InventoryReserved, SagaID: saga.NewID(), Step: "reserve_inventory", Time: time.Now()}
	require.NoError(t, f.runner.HandleReply(ctx, entry(t, env)))
}
