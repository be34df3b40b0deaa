package sqlite

import (
	"context"
	"fmt"
	"time"

	"github.com/streamsaga/streamsaga/saga/inbox"
	"github.com/streamsaga/streamsaga/saga/retention"
)

// InboxPruner is the inbox.PruneFunc of db: each call deletes at most batch
// of the oldest rows recorded before olderThan in a transaction of its own.
func InboxPruner(db *DB) inbox.PruneFunc {
	return func(ctx context.Context, olderThan time.Time, batch int) (int64, error) {
		if batch <= 0 {
			return 0, fmt.Errorf("%w: %d", inbox.ErrBadBatch, batch)
		}
		res, err := db.SQL.ExecContext(ctx, `DELETE FROM inbox WHERE (consumer, message_id) IN (
  SELECT consumer, message_id FROM inbox WHERE processed_at < ? ORDER BY processed_at LIMIT ?)`, Micros(olderThan), batch)
		if err != nil {
			return 0, fmt.Errorf("pruning inbox rows older than %s: %w", olderThan.Format(time.RFC3339), err)
		}
		return res.RowsAffected()
	}
}

// BarrierPruner is the barrier retention's delete over db: each call
// deletes at most batch of the records last written before olderThan,
// oldest first, in a transaction of its own.
func BarrierPruner(db *DB) retention.DeleteFunc {
	return func(ctx context.Context, olderThan time.Time, batch int) (int64, error) {
		if batch <= 0 {
			return 0, fmt.Errorf("pruning barrier records: batch size %d is not positive", batch)
		}
		res, err := db.SQL.ExecContext(ctx, `DELETE FROM barrier WHERE (saga_id, step) IN (
  SELECT saga_id, step FROM barrier WHERE updated_at < ? ORDER BY updated_at LIMIT ?)`, Micros(olderThan), batch)
		if err != nil {
			return 0, fmt.Errorf("pruning barrier records older than %s: %w", olderThan.Format(time.RFC3339), err)
		}
		return res.RowsAffected()
	}
}
