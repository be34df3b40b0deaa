package runner_test

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/orchestrator/ordersaga"
	"github.com/streamsaga/streamsaga/saga"
	"github.com/streamsaga/streamsaga/saga/driver"
	"github.com/streamsaga/streamsaga/saga/transport"
)

// approvedOrder runs an order to APPROVED and returns its OrderCreated.
func (f *fixture) approvedOrder(t *testing.T) saga.Envelope {
	created := f.placeOrder(t)
	require.NoError(t, f.events.Handle(ctx, entry(t, created)))
	require.NoError(t, f.runner.HandleReply(ctx, entry(t, replyTo(f.command(t, ordersaga.ReserveInventory), ordersaga.InventoryReserved))))
	require.NoError(t, f.runner.HandleReply(ctx, entry(t, replyTo(f.command(t, ordersaga.ProcessPayment), ordersaga.PaymentProcessed))))
	f.requireOrder(t, created.CorrelationID, "APPROVED", created.SagaID)
	return created
}

func (f *fixture) requireOrder(t *testing.T, orderID, status, sagaID string) {
	t.Helper()
	o, err := f.orders.GetOrder(ctx, orderID)
	require.NoError(t, err)
	require.Equal(t, status, string(o.Status))
	require.Equal(t, sagaID, o.SagaID)
}

// forge is an OrderCreated for the order of created under a new saga id.
func forge(created saga.Envelope) saga.Envelope {
	forged := created
	forged.MessageID, forged.SagaID, forged.Time = saga.NewID(), saga.NewID(), time.Now()
	return forged
}

func TestForgedOrderCreatedForAnotherSagaStartsNothing(t *testing.T) {
	f := newFixture(t)
	created := f.approvedOrder(t)
	forged := forge(created)
	require.NoError(t, f.events.Handle(ctx, entry(t, forged)), "acknowledged")
	for _, err := range f.events.HandleBatch(ctx, []transport.Message{entry(t, forge(created))}) {
		require.NoError(t, err)
	}
	_, err := f.store.GetSaga(ctx, forged.SagaID)
	require.ErrorIs(t, err, saga.ErrNotFound)
	f.requireOrder(t, created.CorrelationID, "APPROVED", created.SagaID)
	require.Equal(t, 1, f.outboxCount(t, ordersaga.ReserveInventory))
}

func TestOrderCreatedForAnUnknownOrderStartsNothing(t *testing.T) {
	f := newFixture(t)
	data, _ := json.Marshal(ordersaga.Data{OrderID: saga.NewID(), CustomerID: "c1", TotalCents: 0})
	forged := saga.Envelope{MessageID: saga.NewID(), Type: ordersaga.OrderCreated, SagaID: saga.NewID(),
		Time: time.Now(), Data: data}
	require.NoError(t, f.events.Handle(ctx, entry(t, forged)))
	_, err := f.store.GetSaga(ctx, forged.SagaID)
	require.ErrorIs(t, err, saga.ErrNotFound)
}

// A saga that somehow runs for an order it did not start (one started
// before sagas were matched to orders) never sets that order's status.
func TestSagaOnlyFinishesItsOwnOrder(t *testing.T) {
	f := newFixture(t)
	created := f.approvedOrder(t)
	forged := forge(created)
	require.NoError(t, f.store.InTx(ctx, func(ctx context.Context, tx driver.Tx) error {
		return f.runner.Start(ctx, tx, ordersaga.SagaType, saga.StartInput{ID: forged.SagaID, Data: forged.Data})
	}))
	reserve := f.commandOf(t, forged.SagaID, ordersaga.ReserveInventory)
	failed := replyTo(reserve, ordersaga.InventoryReservationFailed)
	failed.Error = &saga.ReplyError{Message: "none left"}
	require.NoError(t, f.runner.HandleReply(ctx, entry(t, failed)))

	inst, err := f.store.GetSaga(ctx, forged.SagaID)
	require.NoError(t, err)
	require.Equal(t, saga.StateCompensated, inst.State)
	f.requireOrder(t, created.CorrelationID, "APPROVED", created.SagaID)
	require.Equal(t, 0, f.outboxCount(t, ordersaga.OrderRejected))
}

// commandOf reads the saga's command of msgType from the outbox.
func (f *fixture) commandOf(t *testing.T, sagaID, msgType string) saga.Envelope {
	return f.outboxCommand(t, sagaID, msgType, "")
}

// lastCommandOf returns the latest command of msgType the saga sent.
func (f *fixture) lastCommandOf(t *testing.T, sagaID, msgType string) saga.Envelope {
	return f.outboxCommand(t, sagaID, msgType, " ORDER BY id DESC LIMIT 1")
}

func (f *fixture) outboxCommand(t *testing.T, sagaID, msgType, order string) saga.Envelope {
	var payload string
	require.NoError(t, f.db.QueryRowContext(ctx, "SELECT payload FROM outbox WHERE message_type = $1 AND partition_key = $2"+order,
		msgType, sagaID).Scan(&payload))
	env, err := saga.DecodeEnvelope([]byte(payload))
	require.NoError(t, err)
	return env
}
