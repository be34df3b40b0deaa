package inventory

import (
	"encoding/json"
	"errors"
	"fmt"

	"github.com/streamsaga/streamsaga/participants/sdk"
	"github.com/streamsaga/streamsaga/saga"
)

// Name is the service's name: its inbox consumer, consumer group and schema.
const Name = "inventory"

// CommandStream is the logical stream the inventory service reads its commands
// from (the installation's STREAM_PREFIX is added).
const CommandStream = "inventory.commands"

// Commands the inventory handles.
const (
	ReserveInventory sdk.Command = "ReserveInventory"
	ReleaseInventory sdk.Command = "ReleaseInventory"
)

// Replies the inventory sends.
const (
	InventoryReserved          sdk.Reply = "InventoryReserved"
	InventoryReservationFailed sdk.Reply = "InventoryReservationFailed"
	InventoryReleased          sdk.Reply = "InventoryReleased"
)

// ReserveCommand is the data of ReserveInventory. Other fields are ignored.
type ReserveCommand struct {
	OrderID string `json:"order_id"`
	Items   []Item `json:"items"`
}

// ReleaseCommand is the data of ReleaseInventory.
type ReleaseCommand struct {
	OrderID string `json:"order_id"`
}

// ReservedReply is the data of InventoryReserved.
type ReservedReply struct {
	OrderID string `json:"order_id"`
}

// decodeReserve parses and checks ReserveInventory data. Its errors are
// permanent: the same data never becomes valid.
func decodeReserve(data json.RawMessage) (ReserveCommand, error) {
	var c ReserveCommand
	if err := json.Unmarshal(data, &c); err != nil {
		return c, saga.Permanent(fmt.Errorf("decoding %s data: %w", ReserveInventory, err))
	}
	if err := c.validate(); err != nil {
		return c, saga.Permanent(fmt.Errorf("%s data: %w", ReserveInventory, err))
	}
	return c, nil
}

func (c ReserveCommand) validate() error {
	if c.OrderID == "" {
		return errors.New("order_id is required")
	}
	if len(c.Items) == 0 {
		return errors.New("items are required")
	}
	for i, it := range c.Items {
		if it.SKU == "" || it.Quantity <= 0 {
			return fmt.Errorf("item %d needs a sku and a positive quantity", i)
		}
	}
	return nil
}

// decodeRelease parses ReleaseInventory data; empty data is accepted, since
// the reservation is found by saga id.
func decodeRelease(data json.RawMessage) (ReleaseCommand, error) {
	var c ReleaseCommand
	if len(data) == 0 {
		return c, nil
	}
	if err := json.Unmarshal(data, &c); err != nil {
		return c, saga.Permanent(fmt.Errorf("decoding %s data: %w", ReleaseInventory, err))
	}
	return c, nil
}
