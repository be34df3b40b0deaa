package payment

import (
	"context"
	"fmt"

	"github.com/sirupsen/logrus"

	"github.com/streamsaga/streamsaga/participants/sdk"
	"github.com/streamsaga/streamsaga/saga"
)

// NewParticipant returns the payment participant over store, with its
// commands registered. Pass its Handle to the stream consumer.
func NewParticipant(store Store, log *logrus.Entry) (*sdk.Participant[Tx], error) {
	return sdk.NewWithSteps(store, sdk.Config{Name: Name, Logger: log}, Step())
}

// Step is the payment service's part in a saga: charge the customer,
// undone by a refund.
func Step() sdk.Step[Tx] {
	return sdk.Step[Tx]{
		Action: ProcessPayment, Succeeded: PaymentProcessed, Failed: PaymentFailed, Do: charge,
		Compensation: RefundPayment, Compensated: PaymentRefunded, Undo: refund,
	}
}

func charge(ctx context.Context, tx Tx, cmd saga.Envelope) (sdk.Outcome, error) {
	c, err := decodePayment(cmd.Data)
	if err != nil {
		return sdk.Outcome{}, err
	}
	failure, err := tx.Charge(ctx, cmd.SagaID, c.CustomerID, c.AmountCents)
	if err != nil {
		return sdk.Outcome{}, fmt.Errorf("charging order %s: %w", c.OrderID, err)
	}
	return sdk.Decide(failure, ProcessedReply{OrderID: c.OrderID, AmountCents: c.AmountCents}), nil
}

func refund(ctx context.Context, tx Tx, cmd saga.Envelope) error {
	if err := decodeRefund(cmd.Data); err != nil {
		return err
	}
	if err := tx.Refund(ctx, cmd.SagaID); err != nil {
		return fmt.Errorf("refunding saga %s: %w", cmd.SagaID, err)
	}
	return nil
}
