package orderpg

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/streamsaga/streamsaga/orchestrator/orderstore"
)

// scanOrder reads the columns of qOrderColumns.
func scanOrder(row pgx.Row) (orderstore.Order, error) {
	var o orderstore.Order
	var items []byte
	var status string
	err := row.Scan(&o.ID, &o.CustomerID, &items, &o.TotalCents, &status, &o.SagaID,
		&o.Reason, &o.IdempotencyKey, &o.RequestHash, &o.CreatedAt, &o.UpdatedAt)
	if err != nil {
		return o, err
	}
	o.Status = orderstore.OrderStatus(status)
	if err := json.Unmarshal(items, &o.Items); err != nil {
		return o, fmt.Errorf("decoding items of order %s: %w", o.ID, err)
	}
	return o, nil
}

// orderCols are orders as the column arrays of one INSERT.
type orderCols struct {
	ids, customers, items, statuses, sagaIDs, reasons, keys, hashes []string
	totals                                                          []int64
	createdAt                                                       []time.Time
	anyKey                                                          bool
}

func orderColumns(orders []orderstore.Order) (orderCols, error) {
	var c orderCols
	for _, o := range orders {
		items, err := json.Marshal(o.Items)
		if err != nil {
			return c, fmt.Errorf("encoding items of order %s: %w", o.ID, err)
		}
		c.ids, c.customers, c.items = append(c.ids, o.ID), append(c.customers, o.CustomerID), append(c.items, string(items))
		c.totals, c.statuses = append(c.totals, o.TotalCents), append(c.statuses, string(o.Status))
		c.sagaIDs, c.reasons, c.keys = append(c.sagaIDs, o.SagaID), append(c.reasons, o.Reason), append(c.keys, o.IdempotencyKey)
		c.hashes, c.createdAt = append(c.hashes, o.RequestHash), append(c.createdAt, o.CreatedAt)
		c.anyKey = c.anyKey || o.IdempotencyKey != ""
	}
	return c, nil
}

// distinct returns ids without repeats.
func distinct(ids []string) map[string]struct{} {
	set := make(map[string]struct{}, len(ids))
	for _, id := range ids {
		set[id] = struct{}{}
	}
	return set
}
