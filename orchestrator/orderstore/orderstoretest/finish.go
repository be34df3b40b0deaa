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

// testFinishAllOrders: a Tx that is an orderstore.LaterFinisher finishes
// the orders when every one of them changes; when one does not (it has
// the outcome already, or belongs to another saga), missed is called and
// the transaction fails with ErrNotAllFinished and saga.ErrConflict and
// keeps nothing. One that is not is skipped.
func testFinishAllOrders(t *testing.T, s Stores) {
	a, b := newOrder(""), newOrder("")
	insert(t, s, a)
	insert(t, s, b)
	later := false
	require.NoError(t, s.inTx(ctx, func(ctx context.Context, tx orderstore.Tx) error {
		lf, ok := tx.(orderstore.LaterFinisher)
		if !ok {
			return nil
		}
		later = true
		return lf.FinishAllOrders(ctx, []orderstore.OrderOutcome{{ID: a.ID, SagaID: a.SagaID, Status: orderstore.OrderApproved}},
			func() { t.Error("missed called though the order changed") })
	}))
	if !later {
		t.Skip("the store's transactions are not an orderstore.LaterFinisher")
	}
	require.Equal(t, orderstore.OrderApproved, get(t, s, a.ID).Status)

	for name, other := range map[string]orderstore.OrderOutcome{
		"has the outcome already": {ID: a.ID, SagaID: a.SagaID, Status: orderstore.OrderApproved},
		"is another saga's":       {ID: a.ID, SagaID: saga.NewID(), Status: orderstore.OrderRejected},
	} {
		missed := false
		err := s.inTx(ctx, func(ctx context.Context, tx orderstore.Tx) error {
			return tx.(orderstore.LaterFinisher).FinishAllOrders(ctx, []orderstore.OrderOutcome{
				{ID: b.ID, SagaID: b.SagaID, Status: orderstore.OrderRejected, Reason: "declined"}, other},
				func() { missed = true })
		})
		require.ErrorIs(t, err, orderstore.ErrNotAllFinished, name)
		require.ErrorIs(t, err, saga.ErrConflict, name)
		require.True(t, missed, name)
		require.Equal(t, orderstore.OrderPending, get(t, s, b.ID).Status, "%s: nothing kept", name)
		require.Equal(t, orderstore.OrderApproved, get(t, s, a.ID).Status, name)
	}
}
