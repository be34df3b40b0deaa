package sdk_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/participants/inventory/inventorytest"
	"github.com/streamsaga/streamsaga/participants/sdk"
	"github.com/streamsaga/streamsaga/saga"
)

func TestPoisonCommandsArePermanent(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	unknown := reserveCmd(saga.NewID(), item("A", 1))
	unknown.Type = "ShipParcel"
	noReplyTo := reserveCmd(saga.NewID(), item("A", 1))
	noReplyTo.ReplyTo = ""
	noStep := reserveCmd(saga.NewID(), item("A", 1))
	noStep.Step = ""
	badData := reserveCmd(saga.NewID())
	badData.Data = []byte(`{"order_id": 7}`)
	noItems := reserveCmd(saga.NewID())

	require.True(t, saga.IsPermanent(e.deliverRaw([]byte("not json"))))
	require.True(t, saga.IsPermanent(e.deliverRaw([]byte(`{"type":"ReserveInventory"}`))), "no message id")
	err := e.deliver(unknown)
	require.True(t, saga.IsPermanent(err))
	require.ErrorIs(t, err, sdk.ErrUnknownCommand)
	err = e.deliver(noReplyTo)
	require.True(t, saga.IsPermanent(err))
	require.ErrorIs(t, err, sdk.ErrInvalidCommand)
	require.True(t, saga.IsPermanent(e.deliver(noStep)))
	require.True(t, saga.IsPermanent(e.deliver(badData)))
	require.True(t, saga.IsPermanent(e.deliver(noItems)))

	inventorytest.RequireStock(t, e.store, "A", 10, 0)
	require.Empty(t, e.replies())
}
