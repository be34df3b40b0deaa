package sdk_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/participants/inventory"
	"github.com/streamsaga/streamsaga/participants/inventory/inventorytest"
	"github.com/streamsaga/streamsaga/participants/sdk"
	"github.com/streamsaga/streamsaga/saga"
)

func TestActionRepliesThroughOutbox(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	sagaID := saga.NewID()
	cmd := reserveCmd(sagaID, item("A", 2), item("B", 1))
	require.NoError(t, e.deliver(cmd))

	inventorytest.RequireStock(t, e.store, "A", 8, 2)
	inventorytest.RequireStock(t, e.store, "B", 4, 1)
	replies := e.replies()
	require.Len(t, replies, 1)
	r := replies[0]
	require.Equal(t, saga.DerivedID(cmd.MessageID, "reply"), r.MessageID)
	require.Equal(t, string(inventory.InventoryReserved), r.Type)
	require.Equal(t, []any{sagaID, "order", "inventory", 1, "order-1", cmd.MessageID},
		[]any{r.SagaID, r.SagaType, r.Step, r.Attempt, r.CorrelationID, r.CausationID})
	require.Equal(t, saga.TraceID(cmd.TraceParent), saga.TraceID(r.TraceParent))
	require.NotEqual(t, cmd.TraceParent, r.TraceParent, "the reply is a child span")
	require.JSONEq(t, `{"order_id":"order-1"}`, string(r.Data))
	require.Nil(t, r.Error)
	require.Empty(t, r.ReplyTo)
	require.False(t, r.Time.IsZero())
}

func TestBusinessFailureReplies(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	require.NoError(t, e.deliver(reserveCmd(saga.NewID(), item("A", 2), item("B", 6))))

	inventorytest.RequireStock(t, e.store, "A", 10, 0)
	inventorytest.RequireStock(t, e.store, "B", 5, 0)
	replies := e.replies()
	require.Len(t, replies, 1)
	require.Equal(t, string(inventory.InventoryReservationFailed), replies[0].Type)
	require.Equal(t, "insufficient stock for SKU B: requested 6, available 5", replies[0].Error.Message)
	require.False(t, replies[0].Error.Retryable)
}

func TestDuplicateDeliveryChangesNothingAndRepliesAgain(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	cmd := reserveCmd(saga.NewID(), item("A", 3))
	require.NoError(t, e.deliver(cmd))
	require.NoError(t, e.deliver(cmd))

	inventorytest.RequireStock(t, e.store, "A", 7, 3)
	replies := e.replies()
	require.Len(t, replies, 2)
	e.requireSameReply(replies[0], replies[1])
}

func TestCompensationBeforeActionRefusesLateAction(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	sagaID := saga.NewID()
	require.NoError(t, e.deliver(releaseCmd(sagaID)))
	require.NoError(t, e.deliver(reserveCmd(sagaID, item("A", 3))))

	inventorytest.RequireStock(t, e.store, "A", 10, 0)
	replies := e.replies()
	require.Len(t, replies, 2)
	require.Equal(t, string(inventory.InventoryReleased), replies[0].Type)
	require.Nil(t, replies[0].Error)
	require.Equal(t, string(inventory.InventoryReservationFailed), replies[1].Type)
	require.Equal(t, sdk.RefusedReason, replies[1].Error.Message)
}

func TestResentActionGetsFirstAnswer(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	sagaID := saga.NewID()
	first := reserveCmd(sagaID, item("A", 4))
	require.NoError(t, e.deliver(first))
	resend := reserveCmd(sagaID, item("A", 4))
	resend.Attempt = 2
	require.NoError(t, e.deliver(resend))

	inventorytest.RequireStock(t, e.store, "A", 6, 4)
	replies := e.replies()
	require.Len(t, replies, 2)
	for _, r := range replies {
		require.Equal(t, string(inventory.InventoryReserved), r.Type)
		require.JSONEq(t, `{"order_id":"order-1"}`, string(r.Data))
	}
	require.Equal(t, resend.MessageID, replies[1].CausationID)
	require.Equal(t, 2, replies[1].Attempt)
}

func TestResentFailedActionIsNotRunAgain(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	sagaID := saga.NewID()
	require.NoError(t, e.deliver(reserveCmd(sagaID, item("A", 11))))
	inventorytest.SetStock(t, e.store, "A", 20)
	require.NoError(t, e.deliver(reserveCmd(sagaID, item("A", 11))))

	inventorytest.RequireStock(t, e.store, "A", 20, 0)
	replies := e.replies()
	require.Len(t, replies, 2)
	require.Equal(t, replies[0].Type, replies[1].Type)
	require.Equal(t, replies[0].Error, replies[1].Error)
}
