package ordersqlite

import (
	"context"
	"fmt"

	"github.com/streamsaga/streamsaga/orchestrator/orderstore"
	"github.com/streamsaga/streamsaga/saga"
	"github.com/streamsaga/streamsaga/saga/sqlite"
)

// FinishOrders records the outcomes of sagas on the orders they were
// placed with, in one statement, and returns the orders it changed by saga
// id. An outcome whose ids are not UUIDs names no order and is left out.
func (t *tx) FinishOrders(ctx context.Context, outcomes []orderstore.OrderOutcome) (map[string]orderstore.Order, error) {
	var rows []outcomeRow
	for _, o := range outcomes {
		id, ok1 := sqlite.CanonicalID(o.ID)
		sagaID, ok2 := sqlite.CanonicalID(o.SagaID)
		if ok1 && ok2 {
			rows = append(rows, outcomeRow{ID: id, SagaID: sagaID, Status: string(o.Status), Reason: o.Reason})
		}
	}
	if len(rows) == 0 {
		return map[string]orderstore.Order{}, nil
	}
	arg, err := encodeRows(rows)
	if err != nil {
		return nil, err
	}
	res, err := t.db.QueryContext(ctx, qFinishOrders, arg, sqlite.Micros(t.now()))
	if err != nil {
		return nil, fmt.Errorf("finishing %d orders (first %s): %w", len(rows), rows[0].ID, err)
	}
	orders, err := collectOrders(res)
	if err != nil {
		return nil, fmt.Errorf("finishing %d orders (first %s): %w", len(rows), rows[0].ID, err)
	}
	return orderstore.ByKey(orders, orderstore.SagaIDOf), nil
}

var _ orderstore.LaterFinisher = (*tx)(nil)

// FinishAllOrders is FinishOrders on the condition that every order
// changes; it runs at once, and the transaction its error rolls back
// keeps nothing.
func (t *tx) FinishAllOrders(ctx context.Context, outcomes []orderstore.OrderOutcome, missed func()) error {
	changed, err := t.FinishOrders(ctx, outcomes)
	if err != nil {
		return err
	}
	if len(changed) != len(outcomes) {
		missed()
		return fmt.Errorf("finishing %d orders: %d changed: %w: %w", len(outcomes), len(changed),
			orderstore.ErrNotAllFinished, saga.ErrConflict)
	}
	return nil
}
