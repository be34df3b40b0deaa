package orderstoretest

import (
	"context"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/orchestrator/orderstore"
	"github.com/streamsaga/streamsaga/saga"
)

// testOrdersOfSagas: OrdersBySagaIDs finds orders by the saga they were
// placed with, and SetOrderStatuses changes an order only for its saga.
func testOrdersOfSagas(t *testing.T, s Stores) {
	o := newOrder("")
	insert(t, s, o)
	require.NoError(t, s.inTx(ctx, func(ctx context.Context, tx orderstore.Tx) error {
		found, err := tx.OrdersBySagaIDs(ctx, []string{strings.ToUpper(o.SagaID), saga.NewID()})
		require.NoError(t, err)
		require.Len(t, found, 1)
		require.Equal(t, o.ID, found[o.SagaID].ID)
		return nil
	}))
	err := s.inTx(ctx, func(ctx context.Context, tx orderstore.Tx) error {
		return tx.SetOrderStatuses(ctx, []orderstore.OrderOutcome{{ID: o.ID, SagaID: saga.NewID(), Status: orderstore.OrderRejected}})
	})
	require.ErrorIs(t, err, saga.ErrNotFound, "another saga's outcome")
	got, err := s.Orders.GetOrder(ctx, o.ID)
	require.NoError(t, err)
	require.Equal(t, orderstore.OrderPending, got.Status)

	require.NoError(t, s.inTx(ctx, func(ctx context.Context, tx orderstore.Tx) error {
		return tx.SetOrderStatuses(ctx, []orderstore.OrderOutcome{{ID: o.ID, SagaID: o.SagaID, Status: orderstore.OrderApproved}})
	}))
	got, err = s.Orders.GetOrder(ctx, o.ID)
	require.NoError(t, err)
	require.Equal(t, orderstore.OrderApproved, got.Status)
}
