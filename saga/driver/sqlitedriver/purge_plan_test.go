package sqlitedriver

import (
	"context"
	"database/sql"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// The purge finds its sagas through sagas_finished, in completion order,
// and their history through saga_history_saga: neither table is read
// whole, however large it grows.
func TestPurgePlanWalksItsIndexes(t *testing.T) {
	ctx := context.Background()
	db, err := Open(ctx, filepath.Join(t.TempDir(), "orchestrator.db"))
	require.NoError(t, err)
	defer func() { _ = db.Close() }()

	sagas := queryPlan(ctx, t, db.SQL, qPurgeSagas, int64(0), 500)
	require.Contains(t, sagas, "SEARCH s USING INDEX sagas_finished (completed_at<?)", sagas)
	require.NotContains(t, sagas, "TEMP B-TREE", "completion order comes from the index:\n%s", sagas)
	require.NotContains(t, sagas, "SCAN", sagas)
	history := queryPlan(ctx, t, db.SQL, qPurgeHistory, `["0b9e3d4c-1111-4a4a-8b8b-000000000001"]`)
	require.Contains(t, history, "USING COVERING INDEX saga_history_saga (saga_id=?)", history)
	require.NotContains(t, history, "SCAN saga_history", history)
}

// queryPlan is SQLite's EXPLAIN QUERY PLAN of query, one step a line.
func queryPlan(ctx context.Context, t *testing.T, db *sql.DB, query string, args ...any) string {
	t.Helper()
	rows, err := db.QueryContext(ctx, "EXPLAIN QUERY PLAN "+query, args...)
	require.NoError(t, err)
	defer rows.Close()
	var lines []string
	for rows.Next() {
		var id, parent, unused int
		var detail string
		require.NoError(t, rows.Scan(&id, &parent, &unused, &detail))
		lines = append(lines, detail)
	}
	require.NoError(t, rows.Err())
	return strings.Join(lines, "\n")
}
