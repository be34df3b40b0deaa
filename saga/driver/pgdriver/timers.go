package pgdriver

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
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
