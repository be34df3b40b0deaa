package payment

import (
	"encoding/json"
	"errors"
	"fmt"

	"github.com/streamsaga/streamsaga/participants/sdk"
	"github.com/streamsaga/streamsaga/saga"
)

// Name is the service's name: its inbox consumer, consumer group and schema.
const Name = "payment"

// CommandStream is the logical stream the payment service reads its commands
// from (the installation's STREAM_PREFIX is added).
const CommandStream = "payment.commands"

// Commands the payment service handles.
const (
	ProcessPayment sdk.Command = "ProcessPayment"
	RefundPayment  sdk.Command = "RefundPayment"
)

// Replies the payment service sends.
const (
	PaymentProcessed sdk.Reply = "PaymentProcessed"
	PaymentFailed    sdk.Reply = "PaymentFailed"
	PaymentRefunded  sdk.Reply = "PaymentRefunded"
)

// PaymentCommand is the data of ProcessPayment and RefundPayment. Other
// fields are ignored.
type PaymentCommand struct {
	OrderID     string `json:"order_id"`
	CustomerID  string `json:"customer_id"`
	AmountCents int64  `json:"amount_cents"`
}

// ProcessedReply is the data of PaymentProcessed.
type ProcessedReply struct {
	OrderID     string `json:"order_id"`
	AmountCents int64  `json:"amount_cents"`
}

// decodePayment parses and checks ProcessPayment data. Its errors are
// permanent: the same data never becomes valid.
func decodePayment(data json.RawMessage) (PaymentCommand, error) {
	var c PaymentCommand
	if err := json.Unmarshal(data, &c); err != nil {
		return c, saga.Permanent(fmt.Errorf("decoding %s data: %w", ProcessPayment, err))
	}
	if err := c.validate(); err != nil {
		return c, saga.Permanent(fmt.Errorf("%s data: %w", ProcessPayment, err))
	}
	return c, nil
}

func (c PaymentCommand) validate() error {
	switch {
	case c.OrderID == "":
		return errors.New("order_id is required")
	case c.CustomerID == "":
		return errors.New("customer_id is required")
	}
	return nil
}

// refundCommand is RefundPayment data: AmountCents is nil when absent.
type refundCommand struct {
	AmountCents *int64 `json:"amount_cents"`
}

// decodeRefund parses RefundPayment data; empty data is accepted, since the
// payment is found by saga id. A negative amount_cents is refused
// (an error that is not permanent: the saga is told to send the refund
// again and, its attempts spent, waits for an operator).
func decodeRefund(data json.RawMessage) error {
	if len(data) == 0 {
		return nil
	}
	var c refundCommand
	if err := json.Unmarshal(data, &c); err != nil {
		return saga.Permanent(fmt.Errorf("decoding %s data: %w", RefundPayment, err))
	}
	if c.AmountCents != nil && *c.AmountCents < 0 {
		return fmt.Errorf("%s data: %s", RefundPayment, InvalidAmount(*c.AmountCents))
	}
	return nil
}
