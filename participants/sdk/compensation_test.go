package sdk_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/participants/inventory"
	"github.com/streamsaga/streamsaga/participants/inventory/inventorytest"
	"github.com/streamsaga/streamsaga/saga"
)

func TestCompensationUndoesSucceededActionOnce(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	sagaID := saga.NewID()
	require.NoError(t, e.deliver(reserveCmd(sagaID, item("A", 4))))
	release := releaseCmd(sagaID)
	require.NoError(t, e.deliver(release))
	inventorytest.RequireStock(t, e.store, "A", 10, 0)

	require.NoError(t, e.deliver(releaseCmd(sagaID)), "a resent compensation")
	inventorytest.RequireStock(t, e.store, "A", 10, 0)
	replies := e.replies()
	require.Len(t, replies, 3)
	for _, r := range replies[1:] {
		require.Equal(t, string(inventory.InventoryReleased), r.Type)
		require.JSONEq(t, `{"order_id":"order-1"}`, string(r.Data))
	}
	require.Equal(t, release.MessageID, replies[1].CausationID)
}

func TestCompensationOfFailedActionChangesNothing(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	sagaID := saga.NewID()
	require.NoError(t, e.deliver(reserveCmd(sagaID, item("A", 11))))
	other := saga.NewID()
	require.NoError(t, e.deliver(reserveCmd(other, item("A", 2))))
	require.NoError(t, e.deliver(releaseCmd(sagaID)))

	inventorytest.RequireStock(t, e.store, "A", 8, 2)
	replies := e.replies()
	require.Len(t, replies, 3)
	require.Equal(t, string(inventory.InventoryReleased), replies[2].Type)
}

func TestActionAfterCompensationStaysRefused(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	sagaID := saga.NewID()
	require.NoError(t, e.deliver(reserveCmd(sagaID, item("A", 4))))
	require.NoError(t, e.deliver(releaseCmd(sagaID)))
	require.NoError(t, e.deliver(reserveCmd(sagaID, item("A", 4))), "the action resent after its compensation")

	inventorytest.RequireStock(t, e.store, "A", 10, 0)
	replies := e.replies()
	require.Len(t, replies, 3)
	require.Equal(t, string(inventory.InventoryReservationFailed), replies[2].Type)
}
