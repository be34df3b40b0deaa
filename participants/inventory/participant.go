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
	p, err := sdk.New[Tx](store, sdk.Config{Name: Name, Logger: log})
	if err != nil {
		return nil, fmt.Errorf("creating inventory participant: %w", err)
	}
	if err := Register(p); err != nil {
		return nil, err
	}
	return p, nil
}

// Register adds the inventory's commands to p.
func Register(p *sdk.Participant[Tx]) error {
	if err := p.OnAction(ReserveInventory, InventoryReserved, InventoryReservationFailed, reserve); err != nil {
		return err
	}
	return p.OnCompensation(ReleaseInventory, InventoryReleased, release)
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
	if failure != "" {
		return sdk.Fail(failure), nil
	}
	return sdk.Succeed(ReservedReply{OrderID: c.OrderID}), nil
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
