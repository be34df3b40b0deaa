package pgstore

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/streamsaga/streamsaga/orchestrator/store"
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

func (t *tx) ClaimStalledOrders(ctx context.Context, before time.Time, limit int) ([]store.Order, error) {
	rows, err := t.tx.Query(ctx, qClaimStalled, before, limit)
	if err != nil {
		return nil, fmt.Errorf("claiming stalled orders: %w", err)
	}
	defer rows.Close()
	var out []store.Order
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

func (t *tx) TouchOrder(ctx context.Context, id string, at time.Time) error {
	if _, err := t.tx.Exec(ctx, qTouchOrder, id, at); err != nil {
		return fmt.Errorf("touching order %s: %w", id, err)
	}
	return nil
}
