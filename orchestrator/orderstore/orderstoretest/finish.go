package orderstoretest

import (
	"context"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/orchestrator/orderstore"
	"github.com/streamsaga/streamsaga/saga"
)

// finish runs FinishOrders in one transaction.
func finish(t *testing.T, s Stores, outcomes ...orderstore.OrderOutcome) map[string]orderstore.Order {
	t.Helper()
	var changed map[string]orderstore.Order
	require.NoError(t, s.inTx(ctx, func(ctx context.Context, tx orderstore.Tx) (err error) {
		changed, err = tx.FinishOrders(ctx, outcomes)
		return err
	}))
	return changed
}

func get(t *testing.T, s Stores, id string) orderstore.Order {
	t.Helper()
	o, err := s.Orders.GetOrder(ctx, id)
	require.NoError(t, err)
	return o
}

// testFinishOrders: FinishOrders changes an order only for the saga it was
// placed with and only to a new outcome, and returns the orders it
// changed, as stored, by saga id.
func testFinishOrders(t *testing.T, s Stores) {
	approved, rejected, foreign := newOrder(""), newOrder(""), newOrder("")
	for _, o := range []orderstore.Order{approved, rejected, foreign} {
		insert(t, s, o)
	}
	require.Empty(t, finish(t, s))
	outcomes := []orderstore.OrderOutcome{
		{ID: approved.ID, SagaID: strings.ToUpper(approved.SagaID), Status: orderstore.OrderApproved},
		{ID: rejected.ID, SagaID: rejected.SagaID, Status: orderstore.OrderRejected, Reason: "declined"},
		{ID: foreign.ID, SagaID: saga.NewID(), Status: orderstore.OrderApproved},
		{ID: saga.NewID(), SagaID: saga.NewID(), Status: orderstore.OrderApproved},
		{ID: "not-a-uuid", SagaID: "nor-this", Status: orderstore.OrderApproved},
	}
	changed := finish(t, s, outcomes...)
	require.Len(t, changed, 2, "only the orders of their own sagas")
	for _, want := range []orderstore.Order{approved, rejected} {
		got := changed[want.SagaID]
		require.Equal(t, get(t, s, want.ID), got, "returned as stored")
		require.Equal(t, want.Items, got.Items)
		require.Equal(t, want.CustomerID, got.CustomerID)
		require.Equal(t, want.TotalCents, got.TotalCents)
		require.False(t, got.UpdatedAt.Before(want.UpdatedAt))
	}
	require.Equal(t, orderstore.OrderApproved, changed[approved.SagaID].Status)
	require.Equal(t, orderstore.OrderRejected, changed[rejected.SagaID].Status)
	require.Equal(t, "declined", changed[rejected.SagaID].Reason)
	require.Equal(t, orderstore.OrderPending, get(t, s, foreign.ID).Status, "another saga's outcome changes nothing")

	before := get(t, s, approved.ID)
	require.Empty(t, finish(t, s, outcomes...), "a repeated call changes nothing")
	require.Equal(t, before, get(t, s, approved.ID), "not even updated_at")

	changed = finish(t, s, orderstore.OrderOutcome{ID: rejected.ID, SagaID: rejected.SagaID, Status: orderstore.OrderRejected, Reason: "other"})
	require.Equal(t, "other", changed[rejected.SagaID].Reason, "a new reason is a new outcome")
}
