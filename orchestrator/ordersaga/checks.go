package ordersaga

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"

	"github.com/streamsaga/streamsaga/saga"
)

// checkReservation refuses an InventoryReserved for another order or,
// when it lists items, for other items than the command asked for.
func checkReservation(command json.RawMessage, reply saga.Envelope) error {
	if reply.Type != InventoryReserved {
		return nil
	}
	var asked, got struct {
		OrderID string         `json:"order_id"`
		Items   *[]ReserveItem `json:"items"`
	}
	if err := decodeBoth(command, reply.Data, &asked, &got); err != nil {
		return err
	}
	if got.OrderID != "" && got.OrderID != asked.OrderID {
		return fmt.Errorf("order_id %q, the command's is %q", got.OrderID, asked.OrderID)
	}
	if got.Items != nil && (asked.Items == nil || !slices.Equal(*got.Items, *asked.Items)) {
		return errors.New("items differ from the command's")
	}
	return nil
}

// checkPayment refuses a PaymentProcessed for another order or another
// amount than the command asked for; amount_cents is required.
func checkPayment(command json.RawMessage, reply saga.Envelope) error {
	if reply.Type != PaymentProcessed {
		return nil
	}
	var asked, got struct {
		OrderID     string `json:"order_id"`
		AmountCents *int64 `json:"amount_cents"`
	}
	if err := decodeBoth(command, reply.Data, &asked, &got); err != nil {
		return err
	}
	if got.OrderID != "" && got.OrderID != asked.OrderID {
		return fmt.Errorf("order_id %q, the command's is %q", got.OrderID, asked.OrderID)
	}
	if got.AmountCents == nil {
		return errors.New("amount_cents is missing")
	}
	if asked.AmountCents == nil || *got.AmountCents != *asked.AmountCents {
		return fmt.Errorf("amount_cents %d, the command asked for %s", *got.AmountCents, amount(asked.AmountCents))
	}
	return nil
}

func decodeBoth(command, reply json.RawMessage, asked, got any) error {
	if err := json.Unmarshal(command, asked); err != nil {
		return fmt.Errorf("decoding the command: %w", err)
	}
	if len(reply) == 0 {
		return nil // a reply without data claims nothing
	}
	if err := json.Unmarshal(reply, got); err != nil {
		return fmt.Errorf("decoding the reply's data: %w", err)
	}
	return nil
}

// amount is a command's amount as text, "none" when it has none.
func amount(cents *int64) string {
	if cents == nil {
		return "none"
	}
	return fmt.Sprint(*cents)
}
