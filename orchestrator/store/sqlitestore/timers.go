package sqlitestore

import (
	"context"
	"fmt"
	"time"

	"github.com/streamsaga/streamsaga/orchestrator/store"
	"github.com/streamsaga/streamsaga/saga/sqlite"
)

// ClaimDueSagas returns up to limit unfinished sagas whose next deadline is
// at or before now. The transaction holds the database's write lock, so no
// other transaction can act on them until it ends.
func (t *tx) ClaimDueSagas(ctx context.Context, now time.Time, limit int) ([]string, error) {
	rows, err := t.tx.SQL.QueryContext(ctx, qClaimDue, sqlite.Micros(now), limit)
	if err != nil {
		return nil, fmt.Errorf("claiming due sagas: %w", err)
	}
	ids, err := collect(rows, scanString)
	if err != nil {
		return nil, fmt.Errorf("claiming due sagas: %w", err)
	}
	return ids, nil
}

// ClaimStalledOrders returns up to limit PENDING orders last touched before
// the given time whose saga does not exist, held like ClaimDueSagas's.
func (t *tx) ClaimStalledOrders(ctx context.Context, before time.Time, limit int) ([]store.Order, error) {
	rows, err := t.tx.SQL.QueryContext(ctx, qClaimStalled, sqlite.Micros(before), limit)
	if err != nil {
		return nil, fmt.Errorf("claiming stalled orders: %w", err)
	}
	orders, err := collect(rows, scanOrder)
	if err != nil {
		return nil, fmt.Errorf("claiming stalled orders: %w", err)
	}
	return orders, nil
}

// TouchOrder sets an order's updated_at.
func (t *tx) TouchOrder(ctx context.Context, id string, at time.Time) error {
	key, _ := canonicalID(id)
	if _, err := t.tx.SQL.ExecContext(ctx, qTouchOrder, key, sqlite.Micros(at)); err != nil {
		return fmt.Errorf("touching order %s: %w", id, err)
	}
	return nil
}
