package sqlitedriver

import (
	"context"
	"fmt"

	"github.com/streamsaga/streamsaga/saga"
	"github.com/streamsaga/streamsaga/saga/sqlite"
)

// HistoryPage reads up to limit lines of a saga's history after line
// after, oldest first, walking the index saga_history_saga.
func (s *sqliteStore) HistoryPage(ctx context.Context, sagaID string, after int64, limit int) ([]saga.HistoryEntry, error) {
	key, _ := sqlite.CanonicalID(sagaID)
	rows, err := s.db.SQL.QueryContext(ctx, qHistoryPage, key, after, limit)
	if err != nil {
		return nil, fmt.Errorf("reading history of saga %s: %w", sagaID, err)
	}
	hist, err := collect(rows, func(r row) (saga.HistoryEntry, error) {
		var h saga.HistoryEntry
		var at int64
		err := r.Scan(&h.Seq, &at, &h.Kind, &h.Step, &h.MessageType, &h.MessageID, &h.Detail)
		h.At = sqlite.Time(at)
		return h, err
	})
	if err != nil {
		return nil, fmt.Errorf("reading history of saga %s: %w", sagaID, err)
	}
	return hist, nil
}
