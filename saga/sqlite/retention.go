package sqlite

import (
	"context"
	"fmt"
	"time"

	"github.com/streamsaga/streamsaga/saga/inbox"
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
