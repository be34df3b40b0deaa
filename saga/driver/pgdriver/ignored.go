package pgdriver

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/streamsaga/streamsaga/saga/pg"
)

const (
	qCountIgnored = `
UPDATE sagas s SET ignored_replies = s.ignored_replies + u.n
  FROM (SELECT unnest($1::uuid[]) AS id, unnest($2::bigint[]) AS n) AS u
 WHERE s.id = u.id
RETURNING s.id::text, s.ignored_replies`

	qIgnoredReplies = `SELECT ignored_replies FROM sagas WHERE id = $1`
)

// CountIgnoredReplies adds to the sagas' counts of ignored replies in one
// statement.
func (t *tx) CountIgnoredReplies(ctx context.Context, counts map[string]int) (map[string]int, error) {
	ids := make([]string, 0, len(counts))
	ns := make([]int64, 0, len(counts))
	for id, n := range counts {
		ids, ns = append(ids, id), append(ns, int64(n))
	}
	rows, err := t.tx.Query(ctx, qCountIgnored, ids, ns)
	if err != nil {
		return nil, fmt.Errorf("counting ignored replies of %d sagas: %w", len(ids), err)
	}
	out := map[string]int{}
	var id string
	var total int64
	_, err = pgx.ForEachRow(rows, []any{&id, &total}, func() error {
		out[id] = int(total)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("counting ignored replies of %d sagas: %w", len(ids), err)
	}
	return out, nil
}

// IgnoredReplies reads a saga's count of ignored replies.
func (s *Store) IgnoredReplies(ctx context.Context, sagaID string) (int, error) {
	var n int64
	if err := s.pool.QueryRow(ctx, qIgnoredReplies, sagaID).Scan(&n); err != nil {
		return 0, fmt.Errorf("reading ignored replies of saga %s: %w", sagaID, pg.InterpretError(err))
	}
	return int(n), nil
}
