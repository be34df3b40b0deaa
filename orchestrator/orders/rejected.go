package orders

import (
	"context"
	"fmt"

	"github.com/streamsaga/streamsaga/orchestrator/ordersaga"
	"github.com/streamsaga/streamsaga/orchestrator/orderstore"
	"github.com/streamsaga/streamsaga/saga"
	"github.com/streamsaga/streamsaga/saga/transport"
)

// RejectedPrefix starts the reason of an order whose OrderCreated was
// rejected for good.
const RejectedPrefix = "OrderCreated rejected: "

// settleRejected ends the order of an OrderCreated rejected for good (err
// permanent: the entry goes to the dead-letter stream): a PENDING order
// placed with the entry's saga id and whose saga never started becomes
// REJECTED with the reason, so the sweeper stops sending it again. It
// returns err, or why the order could not be ended (the entry then stays
// pending and is tried again).
func (e *Events) settleRejected(ctx context.Context, msg transport.Message, err error) error {
	if !saga.IsPermanent(err) || msg.Fields[transport.FieldType] != ordersaga.OrderCreated {
		return err
	}
	sagaID := msg.Fields[transport.FieldSagaID]
	if !saga.ValidID(sagaID) {
		return err
	}
	txErr := inTx(ctx, e.store, e.orders, func(ctx context.Context, tx orderTx) error {
		return rejectUnstarted(ctx, tx, sagaID, RejectedPrefix+err.Error())
	})
	if txErr != nil {
		return fmt.Errorf("rejecting the order of saga %s: %w", sagaID, txErr)
	}
	e.log.WithField("saga_id", sagaID).WithField("message_id", msg.Fields[transport.FieldMessageID]).
		WithError(err).Warn("OrderCreated rejected for good; its order, if still waiting, is REJECTED")
	return err
}

// rejectUnstarted marks the PENDING order of sagaID REJECTED with reason
// if its saga does not exist; otherwise it does nothing.
func rejectUnstarted(ctx context.Context, tx orderTx, sagaID, reason string) error {
	owners, err := ownersOf(ctx, tx, []string{sagaID})
	if err != nil {
		return err
	}
	o, ok := owners[canonical(sagaID)]
	if !ok || o.Status != orderstore.OrderPending {
		return nil
	}
	insts, err := tx.engine.LoadSagas(ctx, []string{o.SagaID})
	if err != nil || len(insts) > 0 {
		return err
	}
	return tx.SetOrderStatuses(ctx, []orderstore.OrderOutcome{{ID: o.ID, SagaID: o.SagaID, Status: orderstore.OrderRejected, Reason: reason}})
}
