package pgdriver

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
)

// ClaimDueSagas reads the due sagas from the store's mark on and samples
// the earliest deadline up to now for it, both in one round trip. A
// deadline written later is now or after, but for one written by a
// transaction open at now (or by a process whose clock is behind): the
// mark's deep and full passes find those.
func (t *tx) ClaimDueSagas(ctx context.Context, now time.Time, limit int) ([]string, error) {
	from, pass := t.due.Start(now)
	var ids []string
	var low *time.Time
	b := &pgx.Batch{}
	b.Queue(qClaimDue, now, limit, from).Query(func(rows pgx.Rows) error {
		var err error
		ids, err = pgx.CollectRows(rows, pgx.RowTo[string])
		return err
	})
	b.Queue(qDueLow, from, now).QueryRow(func(row pgx.Row) error { return row.Scan(&low) })
	if err := t.tx.SendBatch(ctx, b).Close(); err != nil {
		return nil, fmt.Errorf("claiming due sagas: %w", err)
	}
	if low == nil || now.Before(*low) {
		low = &now
	}
	t.due.Seen(now, *low, pass)
	return ids, nil
}
