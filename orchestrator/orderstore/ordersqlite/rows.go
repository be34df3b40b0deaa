package ordersqlite

import (
	"encoding/json"
	"fmt"

	"github.com/streamsaga/streamsaga/orchestrator/orderstore"
	"github.com/streamsaga/streamsaga/saga/sqlite"
)

// The rows of set-based statements, as the objects of the JSON array they
// read with json_each. Items travel as a string, so they are stored byte
// for byte; times travel as microseconds.

type orderRow struct {
	ID          string `json:"id"`
	CustomerID  string `json:"customer_id"`
	Items       string `json:"items"`
	TotalCents  int64  `json:"total_cents"`
	Status      string `json:"status"`
	SagaID      string `json:"saga_id"`
	Reason      string `json:"reason"`
	Key         string `json:"idempotency_key"`
	RequestHash string `json:"request_hash"`
	CreatedAt   int64  `json:"created_at"`
}

type outcomeRow struct {
	ID     string `json:"id"`
	SagaID string `json:"saga_id"`
	Status string `json:"status"`
	Reason string `json:"reason"`
}

// newOrderRow is an order to insert; its ids must be UUIDs.
func newOrderRow(o orderstore.Order) (orderRow, error) {
	id, err := sqlite.UUIDColumn("order id", o.ID)
	if err != nil {
		return orderRow{}, err
	}
	sagaID, err := sqlite.UUIDColumn("saga id of order "+o.ID, o.SagaID)
	if err != nil {
		return orderRow{}, err
	}
	items, err := json.Marshal(o.Items)
	if err != nil {
		return orderRow{}, fmt.Errorf("encoding items of order %s: %w", o.ID, err)
	}
	return orderRow{ID: id, CustomerID: o.CustomerID, Items: string(items), TotalCents: o.TotalCents,
		Status: string(o.Status), SagaID: sagaID, Reason: o.Reason, Key: o.IdempotencyKey,
		RequestHash: o.RequestHash, CreatedAt: sqlite.Micros(o.CreatedAt)}, nil
}

// encodeRows renders rows as the one JSON parameter of a statement.
func encodeRows(rows any) (string, error) {
	b, err := json.Marshal(rows)
	if err != nil {
		return "", fmt.Errorf("encoding statement rows: %w", err)
	}
	return string(b), nil
}
