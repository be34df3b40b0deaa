package orderpg

import (
	"context"
	"fmt"
	"time"

	"github.com/streamsaga/streamsaga/orchestrator/orderstore"
	"github.com/streamsaga/streamsaga/saga/pg"
)

// sqlWalkIndex keeps the claim of stalled orders on an ordered scan of
// the orders_pending index. The plan the server would pick, a bitmap scan,
// visits the row of every entry of that index, and the index keeps an
// entry for every order that was ever PENDING until a vacuum removes it:
// with autovacuum off or behind, the claim, run every few seconds, grew
// with every order finished (half a second at 400,000 orders). An index
// scan marks the entries of finished orders dead on its first visit and
// skips them from then on. It lasts until the transaction ends.
const sqlWalkIndex = `SET LOCAL enable_bitmapscan = off`

// ClaimStalledOrders reads orders_pending from the store's mark on, then
// samples the earliest PENDING order before before for it. Orders are
// written PENDING, and touched again by a resend, at their transaction's
// time, long after before (the sweep's time less the stall period): the
// mark, on the clock of before, never passes one.
func (t *tx) ClaimStalledOrders(ctx context.Context, before time.Time, limit int) ([]orderstore.Order, error) {
	if err := pg.ExecLater(ctx, t.db, "planning the claim of stalled orders", sqlWalkIndex); err != nil {
		return nil, err
	}
	from, pass := t.stalled.Start(before)
	orders, err := t.query(ctx, qClaimStalled, before, limit, from)
	if err != nil {
		return nil, fmt.Errorf("claiming stalled orders: %w", err)
	}
	var low *time.Time
	if err := t.db.QueryRow(ctx, qStalledLow, from, before).Scan(&low); err != nil {
		return nil, fmt.Errorf("sampling the sweeper's mark: %w", err)
	}
	if low == nil {
		low = &before
	}
	t.stalled.Seen(before, *low, pass)
	return orders, nil
}

func (t *tx) NoteResend(ctx context.Context, id string, at time.Time) (int, error) {
	var n int
	if err := t.db.QueryRow(ctx, qNoteResend, id, at).Scan(&n); err != nil {
		return 0, fmt.Errorf("counting a resend of order %s: %w", id, pg.InterpretError(err))
	}
	return n, nil
}
