package pg

import (
	"context"
	"fmt"
	"time"

	"github.com/streamsaga/streamsaga/saga/retention"
)

// sqlPruneBarriers deletes at most $2 barrier records untouched since
// before $1, oldest first through barrier_updated_at, by row address like
// sqlPruneInbox; records another transaction holds (a command of their
// saga in hand) are skipped.
const sqlPruneBarriers = `
DELETE FROM barrier
WHERE ctid = ANY (ARRAY(
  SELECT ctid
  FROM barrier
  WHERE updated_at < $1
  ORDER BY updated_at
  LIMIT $2
  FOR UPDATE SKIP LOCKED))`

// PruneBarriers deletes at most batch barrier records last written before
// olderThan, in one statement, and returns how many it deleted. Fewer than
// batch means nothing older is left (but records another transaction
// holds). db is normally the pool, so that each batch commits on its own.
func PruneBarriers(ctx context.Context, db DBTX, olderThan time.Time, batch int) (int64, error) {
	if batch <= 0 {
		return 0, fmt.Errorf("pruning barrier records: batch size %d is not positive", batch)
	}
	tag, err := db.Exec(ctx, sqlPruneBarriers, olderThan, batch)
	if err != nil {
		return 0, fmt.Errorf("pruning barrier records older than %s: %w", olderThan.Format(time.RFC3339), err)
	}
	return tag.RowsAffected(), nil
}

// BarrierPruner is the barrier retention's delete over db, the pool of a
// participant's schema.
func BarrierPruner(db DBTX) retention.DeleteFunc {
	return func(ctx context.Context, olderThan time.Time, batch int) (int64, error) {
		return PruneBarriers(ctx, db, olderThan, batch)
	}
}
