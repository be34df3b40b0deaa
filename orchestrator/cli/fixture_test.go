package cli_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
	"github.com/sirupsen/logrus"
	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/orchestrator/app"
	"github.com/streamsaga/streamsaga/orchestrator/cli"
	"github.com/streamsaga/streamsaga/orchestrator/orders"
	"github.com/streamsaga/streamsaga/orchestrator/ordersaga"
	"github.com/streamsaga/streamsaga/orchestrator/orderstore/ordersqlite"
	"github.com/streamsaga/streamsaga/saga"
	"github.com/streamsaga/streamsaga/saga/driver"
	"github.com/streamsaga/streamsaga/saga/driver/sqlitedriver"
	"github.com/streamsaga/streamsaga/saga/engine"
	"github.com/streamsaga/streamsaga/saga/httpx"
	"github.com/streamsaga/streamsaga/saga/logging"
	"github.com/streamsaga/streamsaga/saga/sqlite"
	"github.com/streamsaga/streamsaga/saga/stream"
	"github.com/streamsaga/streamsaga/saga/transport"
)

var ctx = context.Background()

// clock is the runner's settable time source, so step timeouts can pass.
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

// fixture is the real orchestrator API over an SQLite store, served by
// httptest, with the runner that drives its sagas.
type fixture struct {
	db     *sqlite.DB
	store  driver.Store
	engine *engine.Engine
	orders *orders.Service
	events *orders.Events
	clock  *clock
	srv    *httptest.Server
	// env is the CLI's environment; ORCHESTRATOR_URL is the server's.
	env map[string]string

	mu sync.Mutex
	// auth holds the Authorization header of every request, in order.
	auth []string
}

// options configure a fixture's API.
type options struct {
	// redis, when set, holds the dead letters the API serves, under prefix.
	redis  redis.UniversalClient
	prefix string
	// token, when set, requires it as a bearer token (httpx.Auth, as the
	// server's API_TOKEN does).
	token string
	// defs are definitions registered next to the order saga's.
	defs []*saga.Definition
}

// newFixture builds the store, the runner and the API handler.
func newFixture(t *testing.T, o options) *fixture {
	t.Helper()
	db, err := ordersqlite.Open(ctx, filepath.Join(t.TempDir(), "orchestrator.db"))
	require.NoError(t, err)
	t.Cleanup(func() { require.NoError(t, db.Close()) })
	f := &fixture{db: db, store: sqlitedriver.New(db), clock: &clock{now: time.Now()}}
	rdb := o.redis
	if rdb == nil { // a Redis that does not answer
		rdb = redis.NewClient(&redis.Options{Addr: "127.0.0.1:1", MaxRetries: -1})
	}
	f.engine, err = engine.New(engine.Config{Driver: driver.New(sqlite.NewBackend(db), f.store),
		Redis: rdb, Prefix: o.prefix, Definitions: append([]*saga.Definition{ordersaga.Definition()}, o.defs...),
		Logger: logging.Slog(discardLog()), Now: f.clock.Now})
	require.NoError(t, err)
	st := ordersqlite.New(db)
	app.Orders(f.engine, st, 0)
	f.orders = orders.NewService(f.store, st, nil)
	f.events = orders.NewEventsOn(f.store, st, f.engine.StartManyTx, discardLog())
	f.srv = httptest.NewServer(f.recordAuth(httpx.Auth(o.token)(f.engine.Handler())))
	t.Cleanup(f.srv.Close)
	f.env = map[string]string{"ORCHESTRATOR_URL": f.srv.URL, "USER": "tester"}
	return f
}

// recordAuth notes the Authorization header of each request for next.
func (f *fixture) recordAuth(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		f.mu.Lock()
		f.auth = append(f.auth, r.Header.Get("Authorization"))
		f.mu.Unlock()
		next.ServeHTTP(w, r)
	})
}

// authHeaders returns the Authorization headers received so far.
func (f *fixture) authHeaders() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]string(nil), f.auth...)
}

func discardLog() *logrus.Entry {
	l := logrus.New()
	l.SetOutput(io.Discard)
	return logrus.NewEntry(l)
}

// result is what one run of the CLI printed and returned.
type result struct {
	stdout, stderr string
	code           int
}

// cli runs the command line with f's environment.
func (f *fixture) cli(t *testing.T, args ...string) result {
	t.Helper()
	return runCLI(t, f.env, args...)
}

// runCLI runs the command line with env as its whole environment.
func runCLI(t *testing.T, env map[string]string, args ...string) result {
	t.Helper()
	var out, errOut bytes.Buffer
	code := cli.Run(ctx, args, func(k string) string { return env[k] }, &out, &errOut)
	return result{stdout: out.String(), stderr: errOut.String(), code: code}
}

// ok requires that the run succeeded and printed nothing on stderr.
func (r result) ok(t *testing.T) result {
	t.Helper()
	require.Equal(t, 0, r.code, "stderr: %s", r.stderr)
	require.Empty(t, r.stderr)
	return r
}

// apiGet is the API's own answer to GET path, for comparing with --json.
func (f *fixture) apiGet(t *testing.T, path string) string {
	t.Helper()
	resp, err := http.Get(f.srv.URL + path)
	require.NoError(t, err)
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	require.Equal(t, http.StatusOK, resp.StatusCode, "%s", b)
	return string(b)
}

// order is a placed order and its saga.
type order struct{ id, sagaID string }

// placeOrder stores an order for customer, as POST /orders does, without
// starting its saga.
func (f *fixture) placeOrder(t *testing.T, customer string) (order, saga.Envelope) {
	t.Helper()
	placed, err := f.orders.Place(ctx, orders.PlaceRequest{CustomerID: customer,
		Items: []ordersaga.Item{{SKU: "widget", Quantity: 2, UnitPriceCents: 1250}}}, "", "")
	require.NoError(t, err)
	data, err := json.Marshal(ordersaga.Data{OrderID: placed.Order.ID, CustomerID: customer,
		Items: placed.Order.Items, TotalCents: placed.Order.TotalCents})
	require.NoError(t, err)
	created := saga.Envelope{MessageID: saga.NewID(), Type: ordersaga.OrderCreated, SagaID: placed.Order.SagaID,
		CorrelationID: placed.Order.ID, TraceParent: saga.NewTraceParent(), Time: time.Now(), Data: data}
	return order{id: placed.Order.ID, sagaID: placed.Order.SagaID}, created
}

// startSaga places an order and handles its OrderCreated: the saga is
// RUNNING, its ReserveInventory in the outbox.
func (f *fixture) startSaga(t *testing.T, customer string) order {
	t.Helper()
	o, created := f.placeOrder(t, customer)
	require.NoError(t, f.events.Handle(ctx, entry(t, created)))
	return o
}

// completedSaga runs a saga to COMPLETED: both steps succeed.
func (f *fixture) completedSaga(t *testing.T) order {
	t.Helper()
	o := f.startSaga(t, "alice")
	f.reply(t, o, ordersaga.ReserveInventory, ordersaga.InventoryReserved, "")
	f.reply(t, o, ordersaga.ProcessPayment, ordersaga.PaymentProcessed, "")
	f.requireState(t, o, saga.StateCompleted)
	return o
}

// compensatedSaga runs a saga to COMPENSATED: the payment is declined
// with reason and the reservation released.
func (f *fixture) compensatedSaga(t *testing.T, reason string) order {
	t.Helper()
	o := f.startSaga(t, "bob")
	f.reply(t, o, ordersaga.ReserveInventory, ordersaga.InventoryReserved, "")
	f.reply(t, o, ordersaga.ProcessPayment, ordersaga.PaymentFailed, reason)
	f.reply(t, o, ordersaga.ReleaseInventory, ordersaga.InventoryReleased, "")
	f.requireState(t, o, saga.StateCompensated)
	return o
}

// failedSaga runs a saga to FAILED: the payment is declined and the
// release of the reservation never answered, through every attempt.
func (f *fixture) failedSaga(t *testing.T) order {
	t.Helper()
	o := f.startSaga(t, "carol")
	f.reply(t, o, ordersaga.ReserveInventory, ordersaga.InventoryReserved, "")
	f.reply(t, o, ordersaga.ProcessPayment, ordersaga.PaymentFailed, "declined")
	for range 6 {
		f.clock.advance(11 * time.Second)
		_, err := f.engine.FireDue(ctx, 10)
		require.NoError(t, err)
	}
	f.requireState(t, o, saga.StateFailed)
	return o
}

// reply answers the saga's latest command of type cmdType with replyType,
// as a failure with errMsg when errMsg is set.
func (f *fixture) reply(t *testing.T, o order, cmdType, replyType, errMsg string) {
	t.Helper()
	cmd := f.command(t, o.sagaID, cmdType)
	env := saga.Envelope{MessageID: saga.NewID(), Type: replyType, SagaID: cmd.SagaID, Step: cmd.Step,
		CausationID: cmd.MessageID, Time: time.Now(), Data: cmd.Data}
	if errMsg != "" {
		env.Error = &saga.ReplyError{Message: errMsg}
	}
	require.Equal(t, []error{nil}, f.engine.HandleReplies(ctx, []transport.Message{entry(t, env)}))
}

// command reads the saga's latest command of msgType from the outbox.
func (f *fixture) command(t *testing.T, sagaID, msgType string) saga.Envelope {
	t.Helper()
	var payload string
	require.NoError(t, f.db.SQL.QueryRowContext(ctx,
		`SELECT payload FROM outbox WHERE partition_key = ? AND message_type = ? ORDER BY id DESC LIMIT 1`,
		sagaID, msgType).Scan(&payload), "no %s of saga %s in the outbox", msgType, sagaID)
	env, err := saga.DecodeEnvelope([]byte(payload))
	require.NoError(t, err)
	return env
}

func (f *fixture) requireState(t *testing.T, o order, want saga.State) {
	t.Helper()
	inst, err := f.store.GetSaga(ctx, o.sagaID)
	require.NoError(t, err)
	require.Equal(t, want, inst.State)
}

// entry is a stream entry carrying env.
func entry(t *testing.T, env saga.Envelope) transport.Message {
	t.Helper()
	b, err := env.Encode()
	require.NoError(t, err)
	return transport.Message{ID: "1-0", Fields: map[string]string{stream.FieldEnvelope: string(b)}, Deliveries: 1}
}
