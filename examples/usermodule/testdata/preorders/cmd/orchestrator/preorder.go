package main

import (
	"errors"
	"time"

	"github.com/streamsaga/streamsaga/saga"
)

// Commands is the stream the preorder participant reads.
const Commands = "preorders.commands"

// input is the data a preorder saga starts with.
type input struct {
	Customer      string `json:"customer"`
	SKU           string `json:"sku"`
	Quantity      int    `json:"quantity"`
	RefuseConfirm bool   `json:"refuse_confirm,omitempty"`
}

// preorder holds stock, then confirms the preorder with the hold's id;
// a refused confirmation releases the hold.
func preorder() saga.Typed[input] {
	return saga.Typed[input]{
		Type: "preorder", Version: 1, HTTPStart: true, Validate: validate,
		Steps: []saga.TypedStep[input]{
			{Name: "hold", Participant: Commands, Timeout: 10 * time.Second,
				Action: "HoldStock", SuccessReply: "StockHeld", FailureReply: "HoldRefused",
				Compensation: "ReleaseHold", CompensatedReply: "HoldReleased"},
			{Name: "confirm", Participant: Commands, Timeout: 10 * time.Second,
				Action: "ConfirmPreorder", SuccessReply: "PreorderConfirmed", FailureReply: "PreorderRefused",
				Payload: confirmPayload},
		},
	}
}

func validate(in input) error {
	if in.SKU == "" || in.Quantity <= 0 {
		return errors.New("a preorder needs a sku and a positive quantity")
	}
	return nil
}

// confirmPayload sends the hold's id, read from the hold step's result.
func confirmPayload(in saga.Input[input]) (any, error) {
	var hold struct {
		HoldID string `json:"hold_id"`
	}
	if err := in.Result("hold", &hold); err != nil {
		return nil, err
	}
	return map[string]any{"hold_id": hold.HoldID, "customer": in.Data.Customer, "refuse": in.Data.RefuseConfirm}, nil
}
