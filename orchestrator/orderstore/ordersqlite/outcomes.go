package ordersqlite

import (
	"context"
	"fmt"
	"time"

	"github.com/streamsaga/streamsaga/orchestrator/orderstore"
	"github.com/streamsaga/streamsaga/saga"
	"github.com/streamsaga/streamsaga/saga/sqlite"
)

// SetOrderStatuses records the outcomes of orders in one statement;
// saga.ErrNotFound if one of them does not exist.
func (t *tx) SetOrderStatuses(ctx context.Context, outcomes []orderstore.OrderOutcome) error {
	if len(outcomes) == 0 {
		return nil
	}
	rows, ids := outcomeRows(outcomes)
	arg, err := encodeRows(rows)
	if err != nil {
		return err
	}
	res, err := t.db.ExecContext(ctx, qSetOrderStatuses, arg, sqlite.Micros(t.now()))
	if err != nil {
		return fmt.Errorf("setting status of %d orders (first %s): %w", len(outcomes), outcomes[0].ID, err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return fmt.Errorf("setting status of %d orders (first %s): %w", len(outcomes), outcomes[0].ID, err)
	}
	if n != int64(ids) {
		return fmt.Errorf("setting status of %d orders (first %s): %d found: %w", len(outcomes), outcomes[0].ID, n, saga.ErrNotFound)
	}
	return nil
}

// outcomeRows are the rows of outcomes, and how many orders they name.
func outcomeRows(outcomes []orderstore.OrderOutcome) ([]outcomeRow, int) {
	rows := make([]outcomeRow, len(outcomes))
	ids := make(map[string]struct{}, len(outcomes))
	for i, o := range outcomes {
		id, _ := sqlite.CanonicalID(o.ID)
		sagaID := ""
		if o.SagaID != "" {
			sagaID, _ = sqlite.CanonicalID(o.SagaID)
		}
		rows[i], ids[id] = outcomeRow{ID: id, SagaID: sagaID, Status: string(o.Status), Reason: o.Reason}, struct{}{}
	}
	return rows, len(ids)
}

// ClaimStalledOrders returns up to limit PENDING orders last touched before
// the given time whose saga does not exist. The transaction holds the
// database's write lock, so no other transaction can act on them until it
// ends.
func (t *tx) ClaimStalledOrders(ctx context.Context, before time.Time, limit int) ([]orderstore.Order, error) {
	rows, err := t.db.QueryContext(ctx, qClaimStalled, sqlite.Micros(before), limit)
	if err != nil {
		return nil, fmt.Errorf("claiming stalled orders: %w", err)
	}
	orders, err := collectOrders(rows)
	if err != nil {
		return nil, fmt.Errorf("claiming stalled orders: %w", err)
	}
	return orders, nil
}

// NoteResend sets an order's updated_at and counts one more resend.
func (t *tx) NoteResend(ctx context.Context, id string, at time.Time) (int, error) {
	key, _ := sqlite.CanonicalID(id)
	var n int
	if err := t.db.QueryRowContext(ctx, qNoteResend, key, sqlite.Micros(at)).Scan(&n); err != nil {
		return 0, fmt.Errorf("counting a resend of order %s: %w", id, sqlite.NotFound(err))
	}
	return n, nil
}
