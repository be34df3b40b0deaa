package orderpg

import (
	"context"
	"fmt"

	"github.com/google/uuid"

	"github.com/streamsaga/streamsaga/orchestrator/orderstore"
	"github.com/streamsaga/streamsaga/saga"
	"github.com/streamsaga/streamsaga/saga/pg"
)

// FinishOrders records the outcomes of sagas on the orders they were
// placed with, in one statement, and returns the orders it changed by saga
// id. An outcome whose ids are not UUIDs names no order and is left out.
func (t *tx) FinishOrders(ctx context.Context, outcomes []orderstore.OrderOutcome) (map[string]orderstore.Order, error) {
	ids, sagaIDs, statuses, reasons := outcomeColumns(outcomes)
	if len(ids) == 0 {
		return map[string]orderstore.Order{}, nil
	}
	orders, err := t.query(ctx, qFinishOrders, ids, sagaIDs, statuses, reasons)
	if err != nil {
		return nil, fmt.Errorf("finishing %d orders (first %s): %w", len(ids), ids[0], err)
	}
	return orderstore.ByKey(orders, orderstore.SagaIDOf), nil
}

var _ orderstore.LaterFinisher = (*tx)(nil)

// FinishAllOrders is FinishOrders on the condition that every order
// changes, checked on the server (an outcome whose ids are not UUIDs
// changes none); in a transaction InTx began it travels with the
// transaction's next statement or its commit.
func (t *tx) FinishAllOrders(ctx context.Context, outcomes []orderstore.OrderOutcome, missed func()) error {
	if len(outcomes) == 0 {
		return nil
	}
	ids, sagaIDs, statuses, reasons := outcomeColumns(outcomes)
	what := fmt.Sprintf("finishing %d orders (first %s)", len(outcomes), outcomes[0].ID)
	return pg.ExecLaterMapErr(ctx, t.db, what, qFinishAllOrders, func(err error) error {
		if !pg.IsRowCountCheck(err) {
			return pg.InterpretError(err)
		}
		missed()
		return fmt.Errorf("%w: %w", orderstore.ErrNotAllFinished, saga.ErrConflict)
	}, ids, sagaIDs, statuses, reasons, int64(len(outcomes)))
}

// outcomeColumns are the outcomes whose ids are UUIDs as the columns of
// the finishing statements.
func outcomeColumns(outcomes []orderstore.OrderOutcome) (ids, sagaIDs, statuses, reasons []string) {
	for _, o := range outcomes {
		id, err1 := uuid.Parse(o.ID)
		sagaID, err2 := uuid.Parse(o.SagaID)
		if err1 != nil || err2 != nil {
			continue
		}
		ids, sagaIDs = append(ids, id.String()), append(sagaIDs, sagaID.String())
		statuses, reasons = append(statuses, string(o.Status)), append(reasons, o.Reason)
	}
	return ids, sagaIDs, statuses, reasons
}
