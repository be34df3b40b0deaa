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
	p, err := sdk.New[Tx](store, sdk.Config{Name: Name, Logger: log})
	if err != nil {
		return nil, fmt.Errorf("creating payment participant: %w", err)
	}
	if err := Register(p); err != nil {
		return nil, err
	}
	return p, nil
}

// Register adds the payment service's commands to p.
func Register(p *sdk.Participant[Tx]) error {
	if err := p.OnAction(ProcessPayment, PaymentProcessed, PaymentFailed, charge); err != nil {
		return err
	}
	return p.OnCompensation(RefundPayment, PaymentRefunded, refund)
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
	if failure != "" {
		return sdk.Fail(failure), nil
	}
	return sdk.Succeed(ProcessedReply{OrderID: c.OrderID, AmountCents: c.AmountCents}), nil
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
