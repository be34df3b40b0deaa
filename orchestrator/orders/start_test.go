package orders

import (
	"context"
	"database/sql"
	"fmt"
	"io"
	"sync"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
	"github.com/sirupsen/logrus"
	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/orchestrator/ordersaga"
	"github.com/streamsaga/streamsaga/orchestrator/orderstore"
	"github.com/streamsaga/streamsaga/orchestrator/orderstore/orderpg"
	"github.com/streamsaga/streamsaga/orchestrator/orderstore/ordersqlite"
	"github.com/streamsaga/streamsaga/saga"
	"github.com/streamsaga/streamsaga/saga/driver"
	"github.com/streamsaga/streamsaga/saga/driver/driverenv"
	"github.com/streamsaga/streamsaga/saga/driver/pgdriver"
	"github.com/streamsaga/streamsaga/saga/driver/sqlitedriver"
	"github.com/streamsaga/streamsaga/saga/engine"
	"github.com/streamsaga/streamsaga/saga/logging"
	"github.com/streamsaga/streamsaga/saga/transport"
)

// starting is the order application on an engine that is built but not
// started: the service starts each order's saga with the order, and
// older is a service of an older version, which leaves that to Events.
type starting struct {
	db     *sql.DB
	engine *engine.Engine
	svc    *Service
	older  *Service
	events *Events
}

func newStarting(t *testing.T) *starting {
	t.Helper()
	env := driverenv.New(t)
	var drv driver.Driver
	var orders orderstore.Store
	if env.Pool != nil {
		drv, orders = pgdriver.NewDriver(env.Pool), orderpg.New(env.Pool)
	} else {
		require.NoError(t, ordersqlite.CreateTables(t.Context(), env.File.SQL))
		drv, orders = sqlitedriver.NewDriver(env.File), ordersqlite.New(env.File)
	}
	rdb := redis.NewClient(&redis.Options{Addr: "127.0.0.1:1", MaxRetries: -1}) // never used: nothing runs
	t.Cleanup(func() { _ = rdb.Close() })
	l := logrus.New()
	l.SetOutput(io.Discard)
	e, err := engine.New(engine.Config{Driver: drv, Redis: rdb, Definitions: []*saga.Definition{ordersaga.Definition()},
		Logger: logging.Slog(logrus.NewEntry(l))})
	require.NoError(t, err)
	return &starting{db: env.SQL, engine: e, svc: NewService(e.Store(), orders, e.StartFreshManyTx),
		older: NewService(e.Store(), orders, nil), events: NewEvents(e, orders, nil)}
}

func (s *starting) place(t *testing.T, svc *Service) orderstore.Order {
	t.Helper()
	placed, err := svc.Place(t.Context(), PlaceRequest{CustomerID: "c1",
		Items: []ordersaga.Item{{SKU: "A", Quantity: 2, UnitPriceCents: 150}}}, "", "")
	require.NoError(t, err)
	return placed.Order
}

// messages counts the outbox rows of sagaID by type.
func (s *starting) messages(t *testing.T, sagaID string) map[string]int {
	t.Helper()
	require.True(t, saga.ValidID(sagaID))
	rows, err := s.db.QueryContext(t.Context(),
		"SELECT message_type, count(*) FROM outbox WHERE partition_key = '"+sagaID+"' GROUP BY message_type")
	require.NoError(t, err)
	defer rows.Close()
	out := map[string]int{}
	for rows.Next() {
		var typ string
		var n int
		require.NoError(t, rows.Scan(&typ, &n))
		out[typ] = n
	}
	require.NoError(t, rows.Err())
	return out
}

// created is the OrderCreated entry of sagaID as the stream delivers it.
func (s *starting) created(t *testing.T, sagaID string) transport.Message {
	t.Helper()
	var payload string
	require.NoError(t, s.db.QueryRowContext(t.Context(),
		"SELECT payload FROM outbox WHERE message_type = 'OrderCreated' AND partition_key = '"+sagaID+"'").Scan(&payload))
	return transport.Message{ID: "1-0", Deliveries: 1, Fields: map[string]string{
		transport.FieldEnvelope: payload, transport.FieldType: ordersaga.OrderCreated, transport.FieldSagaID: sagaID}}
}

// started is the engine's count of order sagas started.
func (s *starting) started(t *testing.T) float64 {
	t.Helper()
	mfs, err := s.engine.Metrics().Gather()
	require.NoError(t, err)
	for _, mf := range mfs {
		if mf.GetName() != "streamsaga_sagas_started_total" {
			continue
		}
		for _, m := range mf.GetMetric() {
			for _, l := range m.GetLabel() {
				if l.GetName() == "saga_type" && l.GetValue() == ordersaga.SagaType {
					return m.GetCounter().GetValue()
				}
			}
		}
	}
	return 0
}

func (s *starting) saga(t *testing.T, id string) *saga.Instance {
	t.Helper()
	inst, err := s.engine.Store().GetSaga(t.Context(), id)
	require.NoError(t, err)
	return inst
}

// An order's saga starts in the order's own transaction: the saga, its
// first command and the OrderCreated event for listeners are there at
// once, the start is counted, and the sweeper never takes the order up.
func TestPlacedOrderStartsItsSagaInItsTransaction(t *testing.T) {
	s := newStarting(t)
	o := s.place(t, s.svc)

	inst := s.saga(t, o.SagaID)
	require.Equal(t, saga.StateRunning, inst.State)
	require.Equal(t, o.ID, inst.CorrelationID)
	data, err := ordersaga.Decode(inst.Data)
	require.NoError(t, err)
	require.Equal(t, ordersaga.Data{OrderID: o.ID, CustomerID: "c1", Items: o.Items, TotalCents: 300}, data)
	require.Equal(t, map[string]int{ordersaga.OrderCreated: 1, ordersaga.ReserveInventory: 1}, s.messages(t, o.SagaID))

	require.Equal(t, 1.0, s.started(t), "the start is counted once committed")

	s.svc.now = func() time.Time { return time.Now().Add(time.Hour) }
	n, err := s.svc.Sweep(t.Context(), time.Second, 10, s.events.log)
	require.NoError(t, err)
	require.Zero(t, n, "an order placed with its saga never stalls")
}

// OrderCreated of a saga that exists changes nothing, in a read with one
// of an order placed by an older version, whose saga it starts.
func TestOrderCreatedStartsOnlySagasThatDoNotExist(t *testing.T) {
	s := newStarting(t)
	withSaga, older := s.place(t, s.svc), s.place(t, s.older)
	_, err := s.engine.Store().GetSaga(t.Context(), older.SagaID)
	require.ErrorIs(t, err, saga.ErrNotFound)
	before := s.saga(t, withSaga.SagaID)
	history, err := s.engine.Store().History(t.Context(), withSaga.SagaID)
	require.NoError(t, err)

	msgs := []transport.Message{s.created(t, withSaga.SagaID), s.created(t, older.SagaID), s.created(t, withSaga.SagaID)}
	for _, err := range s.events.HandleBatch(context.Background(), msgs) {
		require.NoError(t, err)
	}
	after := s.saga(t, withSaga.SagaID)
	require.Equal(t, before.Version, after.Version)
	again, err := s.engine.Store().History(t.Context(), withSaga.SagaID)
	require.NoError(t, err)
	require.Len(t, again, len(history))
	require.Equal(t, map[string]int{ordersaga.OrderCreated: 1, ordersaga.ReserveInventory: 1}, s.messages(t, withSaga.SagaID))

	require.Equal(t, saga.StateRunning, s.saga(t, older.SagaID).State, "the older order's saga started")
	require.Equal(t, map[string]int{ordersaga.OrderCreated: 1, ordersaga.ReserveInventory: 1}, s.messages(t, older.SagaID))
	for _, err := range s.events.HandleBatch(context.Background(), msgs[1:2]) {
		require.NoError(t, err)
	}
	require.Equal(t, map[string]int{ordersaga.OrderCreated: 1, ordersaga.ReserveInventory: 1}, s.messages(t, older.SagaID), "once")
}

// Orders placed at once share transactions with their sagas: one saga per
// order, none for a replayed key, each start counted once.
func TestConcurrentOrdersStartOneSagaEach(t *testing.T) {
	s := newStarting(t)
	const n, keys = 100, 25
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i := range n {
		req := PlaceRequest{CustomerID: "c1", Items: []ordersaga.Item{{SKU: "A", Quantity: int64(i%keys + 1), UnitPriceCents: 100}}}
		wg.Go(func() { _, errs[i] = s.svc.Place(t.Context(), req, fmt.Sprintf("k-%d", i%keys), "") })
	}
	wg.Wait()
	for _, err := range errs {
		require.NoError(t, err)
	}
	var orders, sagas, commands int
	require.NoError(t, s.db.QueryRowContext(t.Context(), "SELECT count(*) FROM orders").Scan(&orders))
	require.NoError(t, s.db.QueryRowContext(t.Context(), "SELECT count(*) FROM sagas").Scan(&sagas))
	require.NoError(t, s.db.QueryRowContext(t.Context(), "SELECT count(*) FROM outbox WHERE message_type = 'ReserveInventory'").Scan(&commands))
	require.Equal(t, keys, orders)
	require.Equal(t, keys, sagas)
	require.Equal(t, keys, commands)
	require.Equal(t, float64(keys), s.started(t))
}

// countingEvents is the orders.events handler of s, counting the
// transactions it opens, that knows the orders s's Service placed.
func (s *starting) countingEvents() (*Events, *countingStore) {
	st := &countingStore{Store: s.engine.Store()}
	events := NewEventsOn(st, s.svc.orders, s.engine.StartManyTx, s.events.log)
	events.started = s.svc.started
	return events, st
}

// The OrderCreated of an order this process placed with its saga is
// acknowledged without a transaction the first time it is read; read
// again, it is looked up and still changes nothing.
func TestOrderCreatedOfAnOrderPlacedHereNeedsNoLookup(t *testing.T) {
	s := newStarting(t)
	events, st := s.countingEvents()
	o := s.place(t, s.svc)
	before := s.saga(t, o.SagaID)

	msg := s.created(t, o.SagaID)
	for _, err := range events.HandleBatch(t.Context(), []transport.Message{msg}) {
		require.NoError(t, err)
	}
	require.Zero(t, st.txs.Load(), "no lookup")
	for _, err := range events.HandleBatch(t.Context(), []transport.Message{msg}) {
		require.NoError(t, err)
	}
	require.Equal(t, int32(1), st.txs.Load(), "a second delivery is looked up")
	require.Equal(t, before.Version, s.saga(t, o.SagaID).Version)
	require.Equal(t, map[string]int{ordersaga.OrderCreated: 1, ordersaga.ReserveInventory: 1}, s.messages(t, o.SagaID))
}

// The entry's type and saga_id fields are enough to skip the
// orchestrator's own announcements and the OrderCreated of an order placed
// here: their envelopes are not decoded (garbage ones are acknowledged);
// an OrderCreated from elsewhere is decoded (a garbage one is refused).
func TestOwnEventsAreSkippedOnTheirFields(t *testing.T) {
	s := newStarting(t)
	events, st := s.countingEvents()
	o := s.place(t, s.svc)
	garbled := func(typ, sagaID string) transport.Message {
		return transport.Message{ID: "1-1", Stream: ordersaga.EventsStream, Fields: map[string]string{
			transport.FieldMessageID: saga.NewID(), transport.FieldType: typ, transport.FieldSagaID: sagaID,
			transport.FieldEnvelope: "{not json"}}
	}
	errs := events.HandleBatch(t.Context(), []transport.Message{
		garbled(ordersaga.OrderApproved, o.SagaID), garbled(ordersaga.OrderCreated, o.SagaID)})
	require.Equal(t, []error{nil, nil}, errs)
	require.Zero(t, st.txs.Load(), "no lookup")

	errs = events.HandleBatch(t.Context(), []transport.Message{garbled(ordersaga.OrderCreated, saga.NewID())})
	require.Len(t, errs, 1)
	require.True(t, saga.IsPermanent(errs[0]), "a garbled OrderCreated from elsewhere: %v", errs[0])
}
