package sqlitedriver

import (
	"context"
	"fmt"
	"time"

	"github.com/streamsaga/streamsaga/saga/driver"
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
func (t *tx) ClaimStalledOrders(ctx context.Context, before time.Time, limit int) ([]driver.Order, error) {
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

// NoteResend sets an order's updated_at and counts one more resend.
func (t *tx) NoteResend(ctx context.Context, id string, at time.Time) (int, error) {
	key, _ := canonicalID(id)
	var n int
	if err := t.tx.SQL.QueryRowContext(ctx, qNoteResend, key, sqlite.Micros(at)).Scan(&n); err != nil {
		return 0, fmt.Errorf("counting a resend of order %s: %w", id, interpret(err))
	}
	return n, nil
}
