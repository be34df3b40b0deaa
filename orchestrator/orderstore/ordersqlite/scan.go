package ordersqlite

import (
	"database/sql"
	"encoding/json"
	"fmt"

	"github.com/streamsaga/streamsaga/orchestrator/orderstore"
	"github.com/streamsaga/streamsaga/saga/sqlite"
)

// row is what scanOrder reads: *sql.Row or *sql.Rows.
type row interface {
	Scan(dest ...any) error
}

// scanOrder reads the columns of qOrderColumns.
func scanOrder(r row) (orderstore.Order, error) {
	var o orderstore.Order
	var items, status string
	var created, updated int64
	err := r.Scan(&o.ID, &o.CustomerID, &items, &o.TotalCents, &status, &o.SagaID,
		&o.Reason, &o.IdempotencyKey, &o.RequestHash, &created, &updated)
	if err != nil {
		return o, err
	}
	o.Status, o.CreatedAt, o.UpdatedAt = orderstore.OrderStatus(status), sqlite.Time(created), sqlite.Time(updated)
	if err := json.Unmarshal([]byte(items), &o.Items); err != nil {
		return o, fmt.Errorf("decoding items of order %s: %w", o.ID, err)
	}
	return o, nil
}

// collectOrders reads every order of rows and closes rows.
func collectOrders(rows *sql.Rows) ([]orderstore.Order, error) {
	defer rows.Close()
	var out []orderstore.Order
	for rows.Next() {
		o, err := scanOrder(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, o)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	return out, nil
}
