package runner_test

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"path/filepath"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	dto "github.com/prometheus/client_model/go"
	"github.com/sirupsen/logrus"
	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/orchestrator/orders"
	"github.com/streamsaga/streamsaga/orchestrator/ordersaga"
	"github.com/streamsaga/streamsaga/orchestrator/orderstore"
	"github.com/streamsaga/streamsaga/orchestrator/orderstore/ordersqlite"
	"github.com/streamsaga/streamsaga/saga"
	"github.com/streamsaga/streamsaga/saga/driver"
	"github.com/streamsaga/streamsaga/saga/driver/sqlitedriver"
	"github.com/streamsaga/streamsaga/saga/internal/runner"
	"github.com/streamsaga/streamsaga/saga/metrics"
	"github.com/streamsaga/streamsaga/saga/sqlite"
	"github.com/streamsaga/streamsaga/saga/transport"
)

var _ runner.Metrics = (*metrics.Sagas)(nil)

// metered is a runner with metrics over an SQLite store and a settable
// clock.
type metered struct {
	db     *sqlite.DB
	store  driver.Store
	orders orderstore.Store
	clock  *clock
	reg    *prometheus.Registry
	runner *runner.Runner
	events *orders.Events
}

func newMetered(t *testing.T) *metered {
	db, err := ordersqlite.Open(ctx, filepath.Join(t.TempDir(), "orchestrator.db"))
	require.NoError(t, err)
	t.Cleanup(func() { _ = db.Close() })
	m := &metered{db: db, store: sqlitedriver.New(db), orders: ordersqlite.New(db), clock: &clock{now: time.Now()}, reg: prometheus.NewRegistry()}
	sagas, err := metrics.NewSagas(m.reg)
	require.NoError(t, err)
	defs, err := saga.NewRegistry(ordersaga.Definition())
	require.NoError(t, err)
	l := logrus.New()
	l.SetOutput(io.Discard)
	m.runner, err = runner.New(runner.Config{Store: m.store, Registry: defs, Logger: logrus.NewEntry(l),
		Now: m.clock.Now, Metrics: sagas})
	require.NoError(t, err)
	m.events = orderEvents(runner.TrackCommits(m.store), m.orders, m.runner)
	return m
}

// created places an order and returns its OrderCreated entry.
func (m *metered) created(t *testing.T) (transport.Message, string) {
	placed, err := orders.NewService(m.store, m.orders, nil).Place(ctx, orders.PlaceRequest{CustomerID: "c1",
		Items: []ordersaga.Item{{SKU: "A", Quantity: 1, UnitPriceCents: 100}}}, "", "")
	require.NoError(t, err)
	data, _ := json.Marshal(ordersaga.Data{OrderID: placed.Order.ID, CustomerID: "c1", Items: placed.Order.Items, TotalCents: 100})
	env := saga.Envelope{MessageID: saga.NewID(), Type: ordersaga.OrderCreated, SagaID: placed.Order.SagaID,
		CorrelationID: placed.Order.ID, TraceParent: saga.NewTraceParent(), Time: time.Now(), Data: data}
	return entry(t, env), env.SagaID
}

// command is the latest command of msgType to saga sagaID.
func (m *metered) command(t *testing.T, sagaID, msgType string) saga.Envelope {
	var payload string
	require.NoError(t, m.db.SQL.QueryRowContext(ctx, `SELECT payload FROM outbox
		WHERE message_type = ? AND partition_key = ? ORDER BY id DESC LIMIT 1`, msgType, sagaID).Scan(&payload))
	env, err := saga.DecodeEnvelope([]byte(payload))
	require.NoError(t, err)
	return env
}

// reply answers the latest msgType command of sagaID with replyType, in a
// batch of one.
func (m *metered) reply(t *testing.T, sagaID, msgType, replyType string, replyErr *saga.ReplyError) {
	env := replyTo(m.command(t, sagaID, msgType), replyType)
	env.Error = replyErr
	for _, err := range m.runner.HandleReplies(ctx, []transport.Message{entry(t, env)}) {
		require.NoError(t, err)
	}
}

func (m *metered) state(t *testing.T, sagaID string) saga.State {
	inst, err := m.store.GetSaga(ctx, sagaID)
	require.NoError(t, err)
	return inst.State
}

func (m *metered) fire(t *testing.T, after time.Duration) {
	m.clock.advance(after)
	_, err := m.runner.FireDue(ctx, 10)
	require.NoError(t, err)
}

// series returns the series name with exactly labels, or nil.
func (m *metered) series(t *testing.T, name string, labels map[string]string) *dto.Metric {
	mfs, err := m.reg.Gather()
	require.NoError(t, err)
	for _, mf := range mfs {
		for _, s := range mf.GetMetric() {
			if mf.GetName() == name && sameLabels(s, labels) {
				return s
			}
		}
	}
	return nil
}

func sameLabels(s *dto.Metric, want map[string]string) bool {
	if len(s.GetLabel()) != len(want) {
		return false
	}
	for _, lp := range s.GetLabel() {
		if want[lp.GetName()] != lp.GetValue() {
			return false
		}
	}
	return true
}

func (m *metered) counter(t *testing.T, name string, labels map[string]string) float64 {
	return m.series(t, name, labels).GetCounter().GetValue()
}

// histogram returns the count and sum of a histogram series.
func (m *metered) histogram(t *testing.T, name string, labels map[string]string) (uint64, float64) {
	h := m.series(t, name, labels).GetHistogram()
	return h.GetSampleCount(), h.GetSampleSum()
}

var order = map[string]string{"saga_type": ordersaga.SagaType}

func step(name, outcome string) map[string]string {
	return map[string]string{"saga_type": ordersaga.SagaType, "step": name, "outcome": outcome}
}

func TestMetricsFollowSagasThroughTheRunner(t *testing.T) {
	m := newMetered(t)
	e1, s1 := m.created(t)
	e2, s2 := m.created(t)
	e3, s3 := m.created(t)
	for _, err := range m.events.HandleBatch(ctx, []transport.Message{e1, e2, e3, e1}) {
		require.NoError(t, err)
	}
	require.NoError(t, m.events.Handle(ctx, e2), "a redelivery starts nothing")
	require.Equal(t, 3.0, m.counter(t, "streamsaga_sagas_started_total", order))

	// s1 completes: reserved after 250ms, paid 100ms later.
	m.clock.advance(250 * time.Millisecond)
	m.reply(t, s1, ordersaga.ReserveInventory, ordersaga.InventoryReserved, nil)
	m.clock.advance(100 * time.Millisecond)
	m.reply(t, s1, ordersaga.ProcessPayment, ordersaga.PaymentProcessed, nil)
	require.Equal(t, saga.StateCompleted, m.state(t, s1))

	// s2 is compensated: reserved after 350ms, payment refused 50ms later.
	m.reply(t, s2, ordersaga.ReserveInventory, ordersaga.InventoryReserved, nil)
	m.clock.advance(50 * time.Millisecond)
	m.reply(t, s2, ordersaga.ProcessPayment, ordersaga.PaymentFailed, &saga.ReplyError{Message: "insufficient funds"})
	m.reply(t, s2, ordersaga.ReleaseInventory, ordersaga.InventoryReleased, nil)
	require.Equal(t, saga.StateCompensated, m.state(t, s2))

	require.Equal(t, 1.0, m.counter(t, "streamsaga_sagas_completed_total", order))
	require.Equal(t, 1.0, m.counter(t, "streamsaga_sagas_compensated_total", order))
	require.Nil(t, m.series(t, "streamsaga_sagas_failed_total", order), "no saga failed")
	n, sum := m.histogram(t, "streamsaga_saga_step_duration_seconds", step(ordersaga.StepReserveInventory, runner.OutcomeSucceeded))
	require.EqualValues(t, 2, n)
	require.InDelta(t, 0.25+0.35, sum, 1e-6)
	n, sum = m.histogram(t, "streamsaga_saga_step_duration_seconds", step(ordersaga.StepProcessPayment, runner.OutcomeSucceeded))
	require.EqualValues(t, 1, n)
	require.InDelta(t, 0.1, sum, 1e-6)
	n, sum = m.histogram(t, "streamsaga_saga_step_duration_seconds", step(ordersaga.StepProcessPayment, runner.OutcomeFailed))
	require.EqualValues(t, 1, n)
	require.InDelta(t, 0.05, sum, 1e-6)
	n, sum = m.histogram(t, "streamsaga_saga_duration_seconds", map[string]string{"saga_type": ordersaga.SagaType, "state": "COMPLETED"})
	require.EqualValues(t, 1, n)
	require.InDelta(t, 0.35, sum, 1e-6)

	// s3's reservation errors once (a retry), then gets no reply until the
	// step's five attempts are spent (four timeouts) and it is given up.
	m.reply(t, s3, ordersaga.ReserveInventory, ordersaga.InventoryReservationFailed, &saga.ReplyError{Message: "busy", Retryable: true})
	m.fire(t, time.Second)
	for m.state(t, s3) == saga.StateRunning {
		m.fire(t, 11*time.Second)
	}
	require.Equal(t, saga.StateCompensating, m.state(t, s3))
	reserve := map[string]string{"saga_type": ordersaga.SagaType, "step": ordersaga.StepReserveInventory}
	require.Equal(t, 1.0, m.counter(t, "streamsaga_saga_step_retries_total", reserve))
	require.Equal(t, 4.0, m.counter(t, "streamsaga_saga_step_timeouts_total", reserve))
	n, _ = m.histogram(t, "streamsaga_saga_step_duration_seconds", step(ordersaga.StepReserveInventory, runner.OutcomeGaveUp))
	require.EqualValues(t, 1, n)
	require.Equal(t, 1.0, m.counter(t, "streamsaga_sagas_compensated_total", order), "s3 is still compensating")
}

func TestMetricsWaitForTheCommit(t *testing.T) {
	m := newMetered(t)
	data, _ := json.Marshal(ordersaga.Data{OrderID: saga.NewID(), CustomerID: "c1", TotalCents: 100})
	in := saga.StartInput{ID: saga.NewID(), Data: data, CorrelationID: "o1"}
	tracked := runner.TrackCommits(m.store)
	boom := errors.New("rolled back")
	err := tracked.InTx(ctx, func(ctx context.Context, tx driver.Tx) error {
		require.NoError(t, m.runner.StartMany(ctx, tx, ordersaga.SagaType, []saga.StartInput{in}))
		require.Nil(t, m.series(t, "streamsaga_sagas_started_total", order), "not before the commit")
		return boom
	})
	require.ErrorIs(t, err, boom)
	require.Nil(t, m.series(t, "streamsaga_sagas_started_total", order), "a rollback reports nothing")

	require.NoError(t, tracked.InTx(ctx, func(ctx context.Context, tx driver.Tx) error {
		return m.runner.StartMany(ctx, tx, ordersaga.SagaType, []saga.StartInput{in})
	}))
	require.Equal(t, 1.0, m.counter(t, "streamsaga_sagas_started_total", order))
}
