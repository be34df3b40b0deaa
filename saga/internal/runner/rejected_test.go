package runner_test

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/orchestrator/orderstore"
	"github.com/streamsaga/streamsaga/saga"
	"github.com/streamsaga/streamsaga/saga/driver"
	"github.com/streamsaga/streamsaga/saga/stream"
	"github.com/streamsaga/streamsaga/saga/transport"
)

// An OrderCreated the orchestrator rejects for good ends its order
// REJECTED with the reason, so the sweeper stops sending it again.
func TestPermanentlyRejectedOrderCreatedRejectsTheOrder(t *testing.T) {
	for name, handle := range map[string]func(f *fixture, msg transport.Message) error{
		"alone": func(f *fixture, msg transport.Message) error { return f.events.Handle(ctx, msg) },
		"batch": func(f *fixture, msg transport.Message) error {
			return f.events.HandleBatch(ctx, []transport.Message{msg})[0]
		},
	} {
		t.Run(name, func(t *testing.T) {
			f := newFixture(t)
			created := f.placeOrder(t)
			created.Data = json.RawMessage(`"not an order"`)
			msg := entry(t, created)
			msg.Fields[stream.FieldSagaID] = created.SagaID
			msg.Fields[stream.FieldType] = created.Type

			err := handle(f, msg)
			require.True(t, saga.IsPermanent(err), "%v", err)
			o, err := f.orders.GetOrder(ctx, created.CorrelationID)
			require.NoError(t, err)
			require.Equal(t, orderstore.OrderRejected, o.Status)
			require.Contains(t, o.Reason, "OrderCreated rejected: ")
			require.NoError(t, f.store.InTx(ctx, func(ctx context.Context, tx driver.Tx) error {
				orders, err := f.orders.From(tx)
				require.NoError(t, err)
				stalled, err := orders.ClaimStalledOrders(ctx, time.Now().Add(time.Hour), 10)
				require.Empty(t, stalled)
				return err
			}))
		})
	}
}
