package ordersaga

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/streamsaga/streamsaga/saga"
)

// Step names.
const (
	StepReserveInventory = "reserve_inventory"
	StepProcessPayment   = "process_payment"
)

// Definition returns the order saga.
func Definition() *saga.Definition {
	return &saga.Definition{Type: SagaType, Steps: []saga.Step{
		{
			Name: StepReserveInventory, Participant: InventoryCommands,
			Action: ReserveInventory, SuccessReply: InventoryReserved, FailureReply: InventoryReservationFailed,
			Compensation: ReleaseInventory, CompensatedReply: InventoryReleased,
			Timeout: 10 * time.Second, ActionPayload: reservePayload, CompensationPayload: refPayload,
			CheckReply: checkReservation,
		},
		{
			Name: StepProcessPayment, Participant: PaymentCommands,
			Action: ProcessPayment, SuccessReply: PaymentProcessed, FailureReply: PaymentFailed,
			Compensation: RefundPayment, CompensatedReply: PaymentRefunded,
			Timeout: 10 * time.Second, ActionPayload: paymentPayload, CompensationPayload: paymentPayload,
			CheckReply: checkPayment,
		},
	}}
}

// Decode parses saga data.
func Decode(raw json.RawMessage) (Data, error) {
	var d Data
	if err := json.Unmarshal(raw, &d); err != nil {
		return d, fmt.Errorf("decoding order saga data: %w", err)
	}
	return d, nil
}

func reservePayload(in saga.PayloadInput) (any, error) {
	d, err := Decode(in.Data)
	if err != nil {
		return nil, err
	}
	out := ReserveInventoryData{OrderID: d.OrderID, Items: make([]ReserveItem, len(d.Items))}
	for i, it := range d.Items {
		out.Items[i] = ReserveItem{SKU: it.SKU, Quantity: it.Quantity}
	}
	return out, nil
}

func refPayload(in saga.PayloadInput) (any, error) {
	d, err := Decode(in.Data)
	if err != nil {
		return nil, err
	}
	return OrderRef{OrderID: d.OrderID}, nil
}

func paymentPayload(in saga.PayloadInput) (any, error) {
	d, err := Decode(in.Data)
	if err != nil {
		return nil, err
	}
	return PaymentData{OrderID: d.OrderID, CustomerID: d.CustomerID, AmountCents: d.TotalCents}, nil
}
