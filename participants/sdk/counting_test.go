package sdk_test

import (
	"context"
	"encoding/json"
	"errors"
	"sync/atomic"

	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/participants/inventory"
	"github.com/streamsaga/streamsaga/participants/sdk"
	"github.com/streamsaga/streamsaga/saga"
)

var errFlaky = errors.New("database hiccup")

// faults says which calls of the service's functions fail with errFlaky,
// after doing their work (so a rollback shows), and over which store the
// participant runs (the env's by default).
type faults struct {
	do, undo int32 // the first do, undo calls fail
	store    sdk.Store[inventory.Tx]
}

// calls counts the runs of the service's functions.
type calls struct{ do, undo atomic.Int32 }

// counting replaces the participant by one that reserves and releases as
// the inventory does, counting the calls and failing as f says.
func (e *env) counting(f faults) *calls {
	if f.store == nil {
		f.store = e.store
	}
	c := &calls{}
	do := func(ctx context.Context, tx inventory.Tx, cmd saga.Envelope) (sdk.Outcome, error) {
		out, err := reserve(ctx, tx, cmd)
		if err == nil && c.do.Add(1) <= f.do {
			return sdk.Outcome{}, errFlaky
		}
		return out, err
	}
	undo := func(ctx context.Context, tx inventory.Tx, cmd saga.Envelope) error {
		err := tx.Release(ctx, cmd.SagaID)
		if err == nil && c.undo.Add(1) <= f.undo {
			return errFlaky
		}
		return err
	}
	p, err := sdk.NewWithSteps(f.store, sdk.Config{Name: inventory.Name, Logger: quietLogger()}, sdk.Step[inventory.Tx]{
		Action: inventory.ReserveInventory, Succeeded: inventory.InventoryReserved,
		Failed: inventory.InventoryReservationFailed, Do: do,
		Compensation: inventory.ReleaseInventory, Compensated: inventory.InventoryReleased, Undo: undo,
	})
	require.NoError(e.t, err)
	e.p = p
	return c
}

func reserve(ctx context.Context, tx inventory.Tx, cmd saga.Envelope) (sdk.Outcome, error) {
	var c inventory.ReserveCommand
	if err := json.Unmarshal(cmd.Data, &c); err != nil {
		return sdk.Outcome{}, saga.Permanent(err)
	}
	failure, err := tx.Reserve(ctx, cmd.SagaID, c.Items)
	if err != nil {
		return sdk.Outcome{}, err
	}
	return sdk.Decide(failure, inventory.ReservedReply{OrderID: c.OrderID}), nil
}
