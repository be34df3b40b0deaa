package sqlite_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/saga/outbox"
	"github.com/streamsaga/streamsaga/saga/sqlite"
)

// Backlog stops counting past outbox.BacklogCountLimit.
func TestOutboxBacklogIsCapped(t *testing.T) {
	// 100,050 rows: a deadline of its own, generous for a busy machine
	// under the race detector; it guards against a hang, not for speed.
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	db := open(t)
	_, err := db.SQL.ExecContext(ctx, `
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?1)
INSERT INTO outbox (message_id, stream, partition_key, message_type, payload, created_at)
SELECT 'm' || i, 's', 'k', 'T', '{}', 0 FROM n`, outbox.BacklogCountLimit+50)
	require.NoError(t, err)
	n, err := sqlite.NewOutboxSource(db).Backlog(ctx)
	require.NoError(t, err)
	require.Equal(t, int64(outbox.BacklogCountLimit+1), n)
}
