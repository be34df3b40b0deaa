package orderpg

import (
	"context"
	"fmt"
	"time"

	"github.com/streamsaga/streamsaga/orchestrator/orderstore"
	"github.com/streamsaga/streamsaga/saga/pg"
)

func (t *tx) ClaimStalledOrders(ctx context.Context, before time.Time, limit int) ([]orderstore.Order, error) {
	orders, err := t.query(ctx, qClaimStalled, before, limit)
	if err != nil {
		return nil, fmt.Errorf("claiming stalled orders: %w", err)
	}
	return orders, nil
}

func (t *tx) NoteResend(ctx context.Context, id string, at time.Time) (int, error) {
	var n int
	if err := t.db.QueryRow(ctx, qNoteResend, id, at).Scan(&n); err != nil {
		return 0, fmt.Errorf("counting a resend of order %s: %w", id, pg.InterpretError(err))
	}
	return n, nil
}
