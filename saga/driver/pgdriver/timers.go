package pgdriver

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/streamsaga/streamsaga/saga/driver"
	"github.com/streamsaga/streamsaga/saga/pg"
)

func (t *tx) ClaimDueSagas(ctx context.Context, now time.Time, limit int) ([]string, error) {
	rows, err := t.tx.Query(ctx, qClaimDue, now, limit)
	if err != nil {
		return nil, fmt.Errorf("claiming due sagas: %w", err)
	}
	ids, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		return nil, fmt.Errorf("claiming due sagas: %w", err)
	}
	return ids, nil
}

func (t *tx) ClaimStalledOrders(ctx context.Context, before time.Time, limit int) ([]driver.Order, error) {
	rows, err := t.tx.Query(ctx, qClaimStalled, before, limit)
	if err != nil {
		return nil, fmt.Errorf("claiming stalled orders: %w", err)
	}
	defer rows.Close()
	var out []driver.Order
	for rows.Next() {
		o, err := scanOrder(rows)
		if err != nil {
			return nil, fmt.Errorf("claiming stalled orders: %w", err)
		}
		out = append(out, o)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("claiming stalled orders: %w", err)
	}
	return out, nil
}

func (t *tx) NoteResend(ctx context.Context, id string, at time.Time) (int, error) {
	var n int
	if err := t.tx.QueryRow(ctx, qNoteResend, id, at).Scan(&n); err != nil {
		return 0, fmt.Errorf("counting a resend of order %s: %w", id, pg.InterpretError(err))
	}
	return n, nil
}
