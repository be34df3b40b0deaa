package orders

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"io"
	"testing"
	"time"

	"github.com/sirupsen/logrus"
	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/orchestrator/ordersaga"
	"github.com/streamsaga/streamsaga/orchestrator/orderstore"
	"github.com/streamsaga/streamsaga/orchestrator/orderstore/orderenv"
	"github.com/streamsaga/streamsaga/saga"
	"github.com/streamsaga/streamsaga/saga/driver"
)

// finishFixture is a placed order and the order saga's finish hook over
// a fresh database.
type finishFixture struct {
	db     *sql.DB
	store  driver.Store
	orders orderstore.Store
	events *Events
	order  orderstore.Order
}

func newFinishFixture(t *testing.T) finishFixture {
	db, st, orders := orderenv.Open(t)
	placed, err := NewService(st, orders, nil).Place(t.Context(), PlaceRequest{CustomerID: "c1",
		Items: []ordersaga.Item{{SKU: "A", Quantity: 2, UnitPriceCents: 1250}}}, "", "")
	require.NoError(t, err)
	l := logrus.New()
	l.SetOutput(io.Discard)
	return finishFixture{db: db, store: st, orders: orders, order: placed.Order,
		events: NewEventsOn(st, orders, nil, logrus.NewEntry(l))}
}

// ended stores a saga of id for the fixture's order that ended in state.
func (f finishFixture) ended(t *testing.T, id string, state saga.State, failure string) *saga.Instance {
	data, err := json.Marshal(ordersaga.Data{OrderID: f.order.ID, CustomerID: f.order.CustomerID,
		Items: f.order.Items, TotalCents: f.order.TotalCents})
	require.NoError(t, err)
	inst, _, err := saga.Engine{ReplyTo: "r"}.Start(ordersaga.Definition(), saga.StartInput{ID: id, Data: data, Now: time.Now()})
	require.NoError(t, err)
	require.NoError(t, f.store.InTx(t.Context(), func(ctx context.Context, tx driver.Tx) error { return tx.CreateSaga(ctx, inst) }))
	inst.State, inst.Failure, inst.UpdatedAt = state, failure, time.Now().UTC().Truncate(time.Microsecond)
	return inst
}

// finish runs the hook in a transaction as the engine does: again, once,
// when it fails with saga.ErrConflict (an order that did not take its
// saga's outcome on a store that finishes orders on that condition).
func (f finishFixture) finish(t *testing.T, insts ...*saga.Instance) {
	t.Helper()
	run := func() error {
		return f.store.InTx(t.Context(), func(ctx context.Context, tx driver.Tx) error {
			return f.events.Finish(ctx, tx, insts)
		})
	}
	err := run()
	if errors.Is(err, saga.ErrConflict) {
		err = run()
	}
	require.NoError(t, err)
}

// announced are the envelopes of msgType in the outbox.
func (f finishFixture) announced(t *testing.T, msgType string) []saga.Envelope {
	rows, err := f.db.QueryContext(t.Context(), "SELECT payload FROM outbox WHERE message_type = $1", msgType)
	require.NoError(t, err)
	defer rows.Close()
	var out []saga.Envelope
	for rows.Next() {
		var payload string
		require.NoError(t, rows.Scan(&payload))
		env, err := saga.DecodeEnvelope([]byte(payload))
		require.NoError(t, err)
		out = append(out, env)
	}
	require.NoError(t, rows.Err())
	return out
}

func TestFinishRecordsAndAnnouncesTheOutcomeOnce(t *testing.T) {
	f := newFinishFixture(t)
	inst := f.ended(t, f.order.SagaID, saga.StateCompensated, "payment declined")
	f.finish(t, inst)

	o, err := f.orders.GetOrder(t.Context(), f.order.ID)
	require.NoError(t, err)
	require.Equal(t, orderstore.OrderRejected, o.Status)
	require.Equal(t, "payment declined", o.Reason)
	events := f.announced(t, ordersaga.OrderRejected)
	require.Len(t, events, 1)
	require.Equal(t, saga.DerivedID(inst.ID, ordersaga.OrderRejected), events[0].MessageID)
	require.Equal(t, f.order.ID, events[0].CorrelationID)
	var body ordersaga.OutcomeData
	require.NoError(t, json.Unmarshal(events[0].Data, &body))
	require.Equal(t, ordersaga.OutcomeData{OrderID: f.order.ID, SagaID: inst.ID, CustomerID: "c1",
		TotalCents: 2500, Reason: "payment declined"}, body)
	hist, err := f.store.History(t.Context(), inst.ID)
	require.NoError(t, err)
	require.Equal(t, saga.HistoryEventEmitted, hist[len(hist)-1].Kind)

	f.finish(t, inst) // the hook once more for the same saga
	again, err := f.orders.GetOrder(t.Context(), f.order.ID)
	require.NoError(t, err)
	require.Equal(t, o, again, "the order is left as it is, updated_at too")
	require.Len(t, f.announced(t, ordersaga.OrderRejected), 1, "announced once")
	histAgain, err := f.store.History(t.Context(), inst.ID)
	require.NoError(t, err)
	require.Len(t, histAgain, len(hist), "no new history line")
}

func TestFinishLeavesAnOrderItsSagaDidNotPlace(t *testing.T) {
	f := newFinishFixture(t)
	stray := f.ended(t, saga.NewID(), saga.StateCompleted, "")
	own := f.ended(t, f.order.SagaID, saga.StateFailed, "refund stuck")
	f.finish(t, stray, own)

	o, err := f.orders.GetOrder(t.Context(), f.order.ID)
	require.NoError(t, err)
	require.Equal(t, orderstore.OrderPending, o.Status, "neither a stray saga nor a FAILED one ends the order")
	require.Empty(t, f.announced(t, ordersaga.OrderApproved))
	hist, err := f.store.History(t.Context(), stray.ID)
	require.NoError(t, err)
	require.Equal(t, HistoryOrderNotOwned, hist[len(hist)-1].Kind)
	hist, err = f.store.History(t.Context(), own.ID)
	require.NoError(t, err)
	require.Empty(t, hist, "a FAILED saga leaves its order to an operator, and writes nothing")
}
