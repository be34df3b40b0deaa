package sdk_test

import (
	"context"
	"errors"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/participants/inventory"
	"github.com/streamsaga/streamsaga/participants/inventory/inventorytest"
	"github.com/streamsaga/streamsaga/participants/sdk"
	"github.com/streamsaga/streamsaga/saga"
)

var errFlaky = errors.New("database hiccup")

// flakyReserve reserves, then fails the first time it is called.
func flakyReserve() sdk.ActionFunc[inventory.Tx] {
	calls := 0
	return func(ctx context.Context, tx inventory.Tx, cmd saga.Envelope) (sdk.Outcome, error) {
		calls++
		if _, err := tx.Reserve(ctx, cmd.SagaID, []inventory.Item{item("A", 4)}); err != nil {
			return sdk.Outcome{}, err
		}
		if calls == 1 {
			return sdk.Outcome{}, errFlaky
		}
		return sdk.Succeed(nil), nil
	}
}

func TestHandlerErrorRollsBackEverything(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	p, err := sdk.New[inventory.Tx](e.store, sdk.Config{Name: inventory.Name, Logger: quietLogger()})
	require.NoError(t, err)
	require.NoError(t, p.OnAction(inventory.ReserveInventory, inventory.InventoryReserved, inventory.InventoryReservationFailed, flakyReserve()))
	e.p = p
	cmd := reserveCmd(saga.NewID(), item("A", 4))

	err = e.deliver(cmd)
	require.ErrorIs(t, err, errFlaky)
	require.False(t, saga.IsPermanent(err), "redelivered, not dead-lettered")
	inventorytest.RequireStock(t, e.store, "A", 10, 0)
	require.Empty(t, e.replies())

	require.NoError(t, e.deliver(cmd), "the same message, redelivered, is handled")
	inventorytest.RequireStock(t, e.store, "A", 6, 4)
	require.Len(t, e.replies(), 1)
}

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
