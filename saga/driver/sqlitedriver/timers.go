package sqlitedriver

import (
	"context"
	"fmt"
	"time"

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
