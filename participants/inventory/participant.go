package inventory

import (
	"context"
	"fmt"

	"github.com/sirupsen/logrus"

	"github.com/streamsaga/streamsaga/participants/sdk"
	"github.com/streamsaga/streamsaga/saga"
)

// NewParticipant returns the inventory participant over store, with its
// commands registered. Pass its Handle to the stream consumer.
func NewParticipant(store Store, log *logrus.Entry) (*sdk.Participant[Tx], error) {
	return sdk.NewWithSteps(store, sdk.Config{Name: Name, Logger: log}, Step())
}

// Step is the inventory's part in a saga: reserve stock, undone by a
// release.
func Step() sdk.Step[Tx] {
	return sdk.Step[Tx]{
		Action: ReserveInventory, Succeeded: InventoryReserved, Failed: InventoryReservationFailed,
		Do: reserve, DoMany: reserveMany,
		Compensation: ReleaseInventory, Compensated: InventoryReleased, Undo: release,
	}
}

func reserve(ctx context.Context, tx Tx, cmd saga.Envelope) (sdk.Outcome, error) {
	c, err := decodeReserve(cmd.Data)
	if err != nil {
		return sdk.Outcome{}, err
	}
	failure, err := tx.Reserve(ctx, cmd.SagaID, c.Items)
	if err != nil {
		return sdk.Outcome{}, fmt.Errorf("reserving stock for order %s: %w", c.OrderID, err)
	}
	return sdk.Decide(failure, ReservedReply{OrderID: c.OrderID}), nil
}

// reserveMany reserves for a read's commands with one ReserveMany. A
// command whose data cannot be decoded fails the call: its read is then
// handled one command at a time and that command alone is dead-lettered.
func reserveMany(ctx context.Context, tx Tx, cmds []saga.Envelope) ([]sdk.Outcome, error) {
	reqs := make([]Reservation, len(cmds))
	orders := make([]string, len(cmds))
	for i, cmd := range cmds {
		c, err := decodeReserve(cmd.Data)
		if err != nil {
			return nil, err
		}
		reqs[i], orders[i] = Reservation{SagaID: cmd.SagaID, Items: c.Items}, c.OrderID
	}
	failures, err := tx.ReserveMany(ctx, reqs)
	if err != nil {
		return nil, fmt.Errorf("reserving stock for %d orders: %w", len(cmds), err)
	}
	outs := make([]sdk.Outcome, len(cmds))
	for i, f := range failures {
		outs[i] = sdk.Decide(f, ReservedReply{OrderID: orders[i]})
	}
	return outs, nil
}

func release(ctx context.Context, tx Tx, cmd saga.Envelope) error {
	if _, err := decodeRelease(cmd.Data); err != nil {
		return err
	}
	if err := tx.Release(ctx, cmd.SagaID); err != nil {
		return fmt.Errorf("releasing stock of saga %s: %w", cmd.SagaID, err)
	}
	return nil
}
