package sdk_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/participants/inventory"
	"github.com/streamsaga/streamsaga/participants/inventory/inventorytest"
	"github.com/streamsaga/streamsaga/participants/sdk"
	"github.com/streamsaga/streamsaga/saga"
)

// actionCalls counts the actionCalls of the inventory step's functions and the
// commands DoMany got.
type actionCalls struct {
	do, many int
	got      [][]string
}

// counting replaces the participant by the inventory's, counting its
// action's actionCalls.
func (e *env) countingActions() *actionCalls {
	c := &actionCalls{}
	step := inventory.Step()
	do, many := step.Do, step.DoMany
	step.Do = func(ctx context.Context, tx inventory.Tx, cmd saga.Envelope) (sdk.Outcome, error) {
		c.do++
		return do(ctx, tx, cmd)
	}
	step.DoMany = func(ctx context.Context, tx inventory.Tx, cmds []saga.Envelope) ([]sdk.Outcome, error) {
		c.many++
		var ids []string
		for _, cmd := range cmds {
			ids = append(ids, cmd.MessageID)
		}
		c.got = append(c.got, ids)
		return many(ctx, tx, cmds)
	}
	p, err := sdk.NewWithSteps(e.store, sdk.Config{Name: inventory.Name, Logger: quietLogger()}, step)
	require.NoError(e.t, err)
	e.p = p
	return c
}

// TestReadOfOneActionRunsItsBatchFunction delivers a read of reserve
// commands for distinct sagas: a duplicate of an earlier read's command
// and a reserve whose step was compensated first are answered from the
// barrier, the others by one call of DoMany, and everything ends as if
// the commands had come one by one.
func TestReadOfOneActionRunsItsBatchFunction(t *testing.T) {
	t.Parallel()
	early, refused := reserveCmd(saga.NewID(), item("A", 1)), reserveCmd(saga.NewID(), item("A", 1))
	cmds := []saga.Envelope{
		reserveCmd(saga.NewID(), item("A", 6)), early, refused,
		reserveCmd(saga.NewID(), item("A", 5)), reserveCmd(saga.NewID(), item("B", 2), item("A", 2)),
	}
	batch, each := newEnv(t), newEnv(t)
	c := batch.countingActions()
	each.countingActions()
	release := releaseCmd(refused.SagaID)
	for _, e := range []*env{batch, each} {
		requireNoErrors(t, e.deliverEach(early, release))
	}
	*c = actionCalls{}
	requireNoErrors(t, batch.deliverBatch(cmds...))
	requireNoErrors(t, each.deliverEach(cmds...))

	require.Equal(t, 0, c.do)
	require.Equal(t, [][]string{{cmds[0].MessageID, cmds[3].MessageID, cmds[4].MessageID}}, c.got)
	require.Equal(t, each.replySummaries(), batch.replySummaries())
	replies := batch.replies()[2:]
	require.Equal(t, string(inventory.InventoryReserved), replies[0].Type)
	require.Equal(t, string(inventory.InventoryReserved), replies[1].Type, "the duplicate gets its first reply again")
	require.Equal(t, sdk.RefusedReason, replies[2].Error.Message)
	require.Equal(t, "insufficient stock for SKU A: requested 5, available 3", replies[3].Error.Message)
	require.Equal(t, string(inventory.InventoryReserved), replies[4].Type)
	inventorytest.RequireStock(t, batch.store, "A", 1, 9)
	inventorytest.RequireStock(t, batch.store, "B", 3, 2)
	for _, cmd := range cmds {
		require.Equal(t, each.barrierOf(cmd.SagaID), batch.barrierOf(cmd.SagaID))
	}
}

// TestMixedReadRunsEachCommand checks that a read mixing commands, or
// naming one step twice, never reaches DoMany.
func TestMixedReadRunsEachCommand(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	c := e.countingActions()
	twice := saga.NewID()
	requireNoErrors(t, e.deliverBatch(reserveCmd(saga.NewID(), item("A", 1)), releaseCmd(saga.NewID()), reserveCmd(saga.NewID(), item("A", 1))))
	requireNoErrors(t, e.deliverBatch(reserveCmd(twice, item("A", 1)), reserveCmd(twice, item("A", 1))))

	require.Equal(t, 0, c.many)
	require.Equal(t, 3, c.do, "the second command of one step is answered from the barrier")
	inventorytest.RequireStock(t, e.store, "A", 7, 3)
}
