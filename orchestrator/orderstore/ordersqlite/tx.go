package ordersqlite

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/streamsaga/streamsaga/orchestrator/orderstore"
	"github.com/streamsaga/streamsaga/saga/driver"
	"github.com/streamsaga/streamsaga/saga/driver/sqlitedriver"
	"github.com/streamsaga/streamsaga/saga/sqlite"
)

// tx is the order tables inside one SQLite transaction.
type tx struct {
	db  *sql.Tx
	now func() time.Time
}

var _ orderstore.Tx = (*tx)(nil)

// From is the order tables inside t, a transaction of sqlitedriver (its
// store's InTx, a finish hook, sqlitedriver.Wrap); orderstore.ErrForeignTx
// if t belongs to another driver.
func From(t driver.Tx) (orderstore.Tx, error) {
	db, ok := sqlitedriver.Unwrap(t)
	if !ok {
		return nil, fmt.Errorf("orders over SQLite in a %T: %w", t, orderstore.ErrForeignTx)
	}
	return &tx{db: db, now: time.Now}, nil
}

// InsertOrders stores new orders in one statement; ErrIdempotencyKeyUsed,
// and nothing stored, if one of their keys is taken.
func (t *tx) InsertOrders(ctx context.Context, orders []orderstore.Order) error {
	if len(orders) == 0 {
		return nil
	}
	rows := make([]orderRow, len(orders))
	anyKey := false
	for i, o := range orders {
		r, err := newOrderRow(o)
		if err != nil {
			return fmt.Errorf("inserting %d orders: %w", len(orders), err)
		}
		rows[i], anyKey = r, anyKey || o.IdempotencyKey != ""
	}
	arg, err := encodeRows(rows)
	if err != nil {
		return err
	}
	_, err = t.db.ExecContext(ctx, qInsertOrders, arg)
	if sqlite.IsUniqueViolation(err) && anyKey {
		return fmt.Errorf("inserting %d orders (first %s): %w", len(orders), orders[0].ID, orderstore.ErrIdempotencyKeyUsed)
	}
	if err != nil {
		return fmt.Errorf("inserting %d orders (first %s): %w", len(orders), orders[0].ID, err)
	}
	return nil
}

// OrdersByIdempotencyKeys finds the orders placed with keys, by key.
func (t *tx) OrdersByIdempotencyKeys(ctx context.Context, keys []string) (map[string]orderstore.Order, error) {
	if len(keys) == 0 {
		return map[string]orderstore.Order{}, nil
	}
	orders, err := t.query(ctx, qOrdersByKeys, keys)
	if err != nil {
		return nil, fmt.Errorf("finding orders by idempotency key: %w", err)
	}
	return orderstore.ByKey(orders, orderstore.IdempotencyKeyOf), nil
}

// OrdersBySagaIDs finds the orders of sagas, by saga id.
func (t *tx) OrdersBySagaIDs(ctx context.Context, sagaIDs []string) (map[string]orderstore.Order, error) {
	if len(sagaIDs) == 0 {
		return map[string]orderstore.Order{}, nil
	}
	orders, err := t.query(ctx, qOrdersBySagas, sqlite.CanonicalIDs(sagaIDs))
	if err != nil {
		return nil, fmt.Errorf("finding the orders of %d sagas: %w", len(sagaIDs), err)
	}
	return orderstore.ByKey(orders, orderstore.SagaIDOf), nil
}

// query reads the orders a statement selects with qOrderColumns, given
// the JSON array of its one set parameter.
func (t *tx) query(ctx context.Context, sql string, set any) ([]orderstore.Order, error) {
	arg, err := encodeRows(set)
	if err != nil {
		return nil, err
	}
	rows, err := t.db.QueryContext(ctx, sql, arg)
	if err != nil {
		return nil, err
	}
	return collectOrders(rows)
}
