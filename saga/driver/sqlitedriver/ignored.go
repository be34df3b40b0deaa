package sqlitedriver

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/streamsaga/streamsaga/saga/sqlite"
)

const (
	qCountIgnored   = `UPDATE sagas SET ignored_replies = ignored_replies + ?2 WHERE id = ?1 RETURNING ignored_replies`
	qIgnoredReplies = `SELECT ignored_replies FROM sagas WHERE id = ?1`
)

// CountIgnoredReplies adds to the sagas' counts of ignored replies, one
// statement per saga (the transaction holds the write lock).
func (t *tx) CountIgnoredReplies(ctx context.Context, counts map[string]int) (map[string]int, error) {
	out := map[string]int{}
	for id, n := range counts {
		key, _ := sqlite.CanonicalID(id)
		var total int
		err := t.tx.SQL.QueryRowContext(ctx, qCountIgnored, key, n).Scan(&total)
		switch {
		case errors.Is(err, sql.ErrNoRows):
			continue
		case err != nil:
			return nil, fmt.Errorf("counting ignored replies of saga %s: %w", id, err)
		}
		out[id] = total
	}
	return out, nil
}

// IgnoredReplies reads a saga's count of ignored replies.
func (s *sqliteStore) IgnoredReplies(ctx context.Context, sagaID string) (int, error) {
	key, _ := sqlite.CanonicalID(sagaID)
	var n int
	if err := s.db.SQL.QueryRowContext(ctx, qIgnoredReplies, key).Scan(&n); err != nil {
		return 0, fmt.Errorf("reading ignored replies of saga %s: %w", sagaID, sqlite.NotFound(err))
	}
	return n, nil
}
