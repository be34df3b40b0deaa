package pgdriver

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/streamsaga/streamsaga/saga"
	"github.com/streamsaga/streamsaga/saga/pg"
)

// HistoryPage reads up to limit lines of a saga's history after line
// after, oldest first, walking the index saga_history_saga.
func (s *Store) HistoryPage(ctx context.Context, sagaID string, after int64, limit int) ([]saga.HistoryEntry, error) {
	rows, err := s.pool.Query(ctx, qHistoryPage, sagaID, after, limit)
	if err != nil {
		return nil, fmt.Errorf("reading history of saga %s: %w", sagaID, pg.InterpretError(err))
	}
	hist, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (saga.HistoryEntry, error) {
		var h saga.HistoryEntry
		err := r.Scan(&h.Seq, &h.At, &h.Kind, &h.Step, &h.MessageType, &h.MessageID, &h.Detail)
		return h, err
	})
	if err != nil {
		return nil, fmt.Errorf("reading history of saga %s: %w", sagaID, pg.InterpretError(err))
	}
	return hist, nil
}
