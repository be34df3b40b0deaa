package sqlitedriver

import (
	"context"
	"fmt"
	"time"

	"github.com/streamsaga/streamsaga/saga"
	"github.com/streamsaga/streamsaga/saga/driver"
	"github.com/streamsaga/streamsaga/saga/sqlite"
)

// tx is one orchestrator transaction; the outbox and inbox come from
// saga/sqlite.
type tx struct {
	sqlite.Messaging
	tx  *sqlite.Tx
	now func() time.Time
}

var _ driver.Tx = (*tx)(nil)

func newTx(t *sqlite.Tx) *tx { return &tx{Messaging: sqlite.NewMessaging(t), tx: t, now: time.Now} }

// InsertOrders stores new orders in one statement; ErrIdempotencyKeyUsed,
// and nothing stored, if one of their keys is taken.
func (t *tx) InsertOrders(ctx context.Context, orders []driver.Order) error {
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
	_, err = t.tx.SQL.ExecContext(ctx, qInsertOrders, arg)
	if sqlite.IsUniqueViolation(err) && anyKey {
		return fmt.Errorf("inserting %d orders (first %s): %w", len(orders), orders[0].ID, driver.ErrIdempotencyKeyUsed)
	}
	if err != nil {
		return fmt.Errorf("inserting %d orders (first %s): %w", len(orders), orders[0].ID, err)
	}
	return nil
}

// OrdersByIdempotencyKeys finds the orders placed with keys, by key.
func (t *tx) OrdersByIdempotencyKeys(ctx context.Context, keys []string) (map[string]driver.Order, error) {
	found := make(map[string]driver.Order, len(keys))
	if len(keys) == 0 {
		return found, nil
	}
	arg, err := encodeRows(keys)
	if err != nil {
		return nil, err
	}
	rows, err := t.tx.SQL.QueryContext(ctx, qOrdersByKeys, arg)
	if err != nil {
		return nil, fmt.Errorf("finding orders by idempotency key: %w", err)
	}
	orders, err := collect(rows, scanOrder)
	if err != nil {
		return nil, fmt.Errorf("finding orders by idempotency key: %w", err)
	}
	for _, o := range orders {
		found[o.IdempotencyKey] = o
	}
	return found, nil
}

// SetOrderStatuses records the outcomes of orders in one statement;
// saga.ErrNotFound if one of them does not exist.
func (t *tx) SetOrderStatuses(ctx context.Context, outcomes []driver.OrderOutcome) error {
	if len(outcomes) == 0 {
		return nil
	}
	rows := make([]outcomeRow, len(outcomes))
	ids := make(map[string]struct{}, len(outcomes))
	for i, o := range outcomes {
		id, _ := canonicalID(o.ID)
		sagaID := ""
		if o.SagaID != "" {
			sagaID, _ = canonicalID(o.SagaID)
		}
		rows[i], ids[id] = outcomeRow{ID: id, SagaID: sagaID, Status: string(o.Status), Reason: o.Reason}, struct{}{}
	}
	arg, err := encodeRows(rows)
	if err != nil {
		return err
	}
	res, err := t.tx.SQL.ExecContext(ctx, qSetOrderStatuses, arg, sqlite.Micros(t.now()))
	if err != nil {
		return fmt.Errorf("setting status of %d orders (first %s): %w", len(outcomes), outcomes[0].ID, err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return fmt.Errorf("setting status of %d orders (first %s): %w", len(outcomes), outcomes[0].ID, err)
	}
	if n != int64(len(ids)) {
		return fmt.Errorf("setting status of %d orders (first %s): %d found: %w", len(outcomes), outcomes[0].ID, n, saga.ErrNotFound)
	}
	return nil
}
