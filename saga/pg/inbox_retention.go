package pg

import (
	"context"
	"fmt"
	"time"

	"github.com/streamsaga/streamsaga/saga/inbox"
)

// PruneInbox deletes at most batch inbox rows recorded before olderThan, in
// one statement, and returns how many it deleted. Fewer than batch means
// nothing older is left (except rows a concurrent pruner holds). db is
// normally the pool, so that each batch commits on its own and holds locks
// on at most batch rows.
func PruneInbox(ctx context.Context, db DBTX, olderThan time.Time, batch int) (int64, error) {
	if batch <= 0 {
		return 0, fmt.Errorf("%w: %d", inbox.ErrBadBatch, batch)
	}
	tag, err := db.Exec(ctx, sqlPruneInbox, olderThan, batch)
	if err != nil {
		return 0, fmt.Errorf("pruning inbox rows older than %s: %w", olderThan.Format(time.RFC3339), err)
	}
	return tag.RowsAffected(), nil
}

// InboxPruner is the inbox.PruneFunc of the service whose pool is db.
func InboxPruner(db DBTX) inbox.PruneFunc {
	return func(ctx context.Context, olderThan time.Time, batch int) (int64, error) {
		return PruneInbox(ctx, db, olderThan, batch)
	}
}
