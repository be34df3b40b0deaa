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
		Action: ProcessPayment, Succeeded: PaymentProcessed, Failed: PaymentFailed,
		Do: charge, DoMany: chargeMany,
		Compensation: RefundPayment, Compensated: PaymentRefunded, Undo: refund,
	}
}

func charge(ctx context.Context, tx Tx, cmd saga.Envelope) (sdk.Outcome, error) {
	c, err := decodePayment(cmd.Data)
	if err != nil {
		return sdk.Outcome{}, err
	}
	if c.AmountCents < 0 {
		return sdk.Fail(InvalidAmount(c.AmountCents)), nil
	}
	failure, err := tx.Charge(ctx, cmd.SagaID, c.CustomerID, c.AmountCents)
	if err != nil {
		return sdk.Outcome{}, fmt.Errorf("charging order %s: %w", c.OrderID, err)
	}
	return sdk.Decide(failure, ProcessedReply{OrderID: c.OrderID, AmountCents: c.AmountCents}), nil
}

// chargeMany charges for a read's commands with one ChargeMany. A command
// whose data cannot be decoded fails the call: its read is then handled one
// command at a time and that command alone is dead-lettered.
func chargeMany(ctx context.Context, tx Tx, cmds []saga.Envelope) ([]sdk.Outcome, error) {
	reqs := make([]Charge, len(cmds))
	replies := make([]ProcessedReply, len(cmds))
	for i, cmd := range cmds {
		c, err := decodePayment(cmd.Data)
		if err != nil {
			return nil, err
		}
		reqs[i] = Charge{SagaID: cmd.SagaID, CustomerID: c.CustomerID, AmountCents: c.AmountCents}
		replies[i] = ProcessedReply{OrderID: c.OrderID, AmountCents: c.AmountCents}
	}
	failures, err := tx.ChargeMany(ctx, reqs)
	if err != nil {
		return nil, fmt.Errorf("charging %d orders: %w", len(cmds), err)
	}
	outs := make([]sdk.Outcome, len(cmds))
	for i, f := range failures {
		outs[i] = sdk.Decide(f, replies[i])
	}
	return outs, nil
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
