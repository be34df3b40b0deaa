package orderpg

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/streamsaga/streamsaga/orchestrator/orderstore"
	"github.com/streamsaga/streamsaga/saga"
	"github.com/streamsaga/streamsaga/saga/driver"
	"github.com/streamsaga/streamsaga/saga/driver/pgdriver"
	"github.com/streamsaga/streamsaga/saga/pg"
)

// tx is the order tables inside one pgx transaction.
type tx struct {
	db pgx.Tx
	// stalled is the store's sweeper mark; nil (claims read from the
	// start) for a transaction given to From.
	stalled *pg.LowWater[time.Time]
}

var _ orderstore.Tx = (*tx)(nil)

// From is the order tables inside t, a transaction of pgdriver (its
// Store.InTx, a finish hook, pgdriver.Wrap); orderstore.ErrForeignTx if t
// belongs to another driver.
func From(t driver.Tx) (orderstore.Tx, error) {
	db, ok := pgdriver.Unwrap(t)
	if !ok {
		return nil, fmt.Errorf("orders over PostgreSQL in a %T: %w", t, orderstore.ErrForeignTx)
	}
	return &tx{db: db}, nil
}

// InsertOrders stores new orders in one statement, which in a transaction
// pg.InTx began on a DB or a pool travels with the next statement or the
// COMMIT (pg.ExecLaterMapErr): a taken idempotency key then fails that
// statement or Commit with ErrIdempotencyKeyUsed, and nothing is stored.
// Elsewhere the statement runs at once and InsertOrders returns the error.
func (t *tx) InsertOrders(ctx context.Context, orders []orderstore.Order) error {
	if len(orders) == 0 {
		return nil
	}
	cols, err := orderColumns(orders)
	if err != nil {
		return err
	}
	what := fmt.Sprintf("inserting %d orders (first %s)", len(orders), orders[0].ID)
	return pg.ExecLaterMapErr(ctx, t.db, what, qInsertOrders, insertOrdersError(cols.anyKey), cols.ids, cols.customers,
		cols.items, cols.totals, cols.statuses, cols.sagaIDs, cols.reasons, cols.keys, cols.hashes, cols.createdAt)
}

// insertOrdersError maps the order insert's errors: a unique violation is
// a taken idempotency key when an order has one.
func insertOrdersError(anyKey bool) func(error) error {
	return func(err error) error {
		if anyKey && pg.IsUniqueViolation(err) {
			return orderstore.ErrIdempotencyKeyUsed
		}
		return pg.InterpretError(err)
	}
}

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
	orders, err := t.query(ctx, qOrdersBySagas, sagaIDs)
	if err != nil {
		return nil, fmt.Errorf("finding the orders of %d sagas: %w", len(sagaIDs), err)
	}
	return orderstore.ByKey(orders, orderstore.SagaIDOf), nil
}

func (t *tx) SetOrderStatuses(ctx context.Context, outcomes []orderstore.OrderOutcome) error {
	if len(outcomes) == 0 {
		return nil
	}
	n := len(outcomes)
	ids, statuses, reasons, sagaIDs := make([]string, n), make([]string, n), make([]string, n), make([]string, n)
	for i, o := range outcomes {
		ids[i], statuses[i], reasons[i], sagaIDs[i] = o.ID, string(o.Status), o.Reason, o.SagaID
	}
	tag, err := t.db.Exec(ctx, qSetOrderStatuses, ids, statuses, reasons, sagaIDs)
	if err != nil {
		return fmt.Errorf("setting status of %d orders (first %s): %w", len(ids), ids[0], pg.InterpretError(err))
	}
	if n := tag.RowsAffected(); n != int64(len(distinct(ids))) {
		return fmt.Errorf("setting status of %d orders (first %s): %d found: %w", len(ids), ids[0], n, saga.ErrNotFound)
	}
	return nil
}

// query reads the orders a statement selects with qOrderColumns.
func (t *tx) query(ctx context.Context, sql string, args ...any) ([]orderstore.Order, error) {
	rows, err := t.db.Query(ctx, sql, args...)
	if err != nil {
		return nil, pg.InterpretError(err)
	}
	orders, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (orderstore.Order, error) { return scanOrder(r) })
	if err != nil {
		return nil, pg.InterpretError(err)
	}
	return orders, nil
}
