package drivertest

import (
	"context"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/saga"
	"github.com/streamsaga/streamsaga/saga/driver"
)

// testOrdersOfSagas: OrdersBySagaIDs finds orders by the saga they were
// placed with, and SetOrderStatuses changes an order only for its saga.
func testOrdersOfSagas(t *testing.T, st driver.Store) {
	o := newOrder("")
	insert(t, st, o)
	require.NoError(t, st.InTx(ctx, func(ctx context.Context, tx driver.Tx) error {
		found, err := tx.OrdersBySagaIDs(ctx, []string{strings.ToUpper(o.SagaID), saga.NewID()})
		require.NoError(t, err)
		require.Len(t, found, 1)
		require.Equal(t, o.ID, found[o.SagaID].ID)
		return nil
	}))
	err := st.InTx(ctx, func(ctx context.Context, tx driver.Tx) error {
		return tx.SetOrderStatuses(ctx, []driver.OrderOutcome{{ID: o.ID, SagaID: saga.NewID(), Status: driver.OrderRejected}})
	})
	require.ErrorIs(t, err, saga.ErrNotFound, "another saga's outcome")
	got, err := st.GetOrder(ctx, o.ID)
	require.NoError(t, err)
	require.Equal(t, driver.OrderPending, got.Status)

	require.NoError(t, st.InTx(ctx, func(ctx context.Context, tx driver.Tx) error {
		return tx.SetOrderStatuses(ctx, []driver.OrderOutcome{{ID: o.ID, SagaID: o.SagaID, Status: driver.OrderApproved}})
	}))
	got, err = st.GetOrder(ctx, o.ID)
	require.NoError(t, err)
	require.Equal(t, driver.OrderApproved, got.Status)
}
