package sqlite_test

import (
	"context"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/saga/inbox"
	"github.com/streamsaga/streamsaga/saga/sqlite"
)

const week = 7 * 24 * time.Hour

func handledAt(ctx context.Context, t *testing.T, db *sqlite.DB, at time.Time, n int) {
	t.Helper()
	for range n {
		_, err := db.SQL.ExecContext(ctx, "INSERT INTO inbox (consumer, message_id, processed_at) VALUES ('a', ?, ?)",
			uuid.NewString(), sqlite.Micros(at))
		require.NoError(t, err)
	}
}

func inboxRows(ctx context.Context, t *testing.T, db *sqlite.DB) (n int) {
	t.Helper()
	require.NoError(t, db.SQL.QueryRowContext(ctx, "SELECT count(*) FROM inbox").Scan(&n))
	return n
}

// The retention deletes old ids batch by batch and keeps the rest.
func TestInboxRetentionPrunesInBatches(t *testing.T) {
	ctx, db := testContext(t), open(t)
	now := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	handledAt(ctx, t, db, now.Add(-week-time.Minute), 7)
	handledAt(ctx, t, db, now.Add(-week+time.Minute), 2)

	r := inbox.Retention{Prune: sqlite.InboxPruner(db), Keep: week, Batch: 3, Now: func() time.Time { return now }}
	n, err := r.Run(ctx)
	require.NoError(t, err)
	require.EqualValues(t, 7, n)
	require.Equal(t, 2, inboxRows(ctx, t, db))
	_, err = sqlite.InboxPruner(db)(ctx, now, 0)
	require.ErrorIs(t, err, inbox.ErrBadBatch)
}

// A file opened again holds what was committed before it was closed, and
// a panic inside a transaction rolls it back.
func TestReopenKeepsCommittedRows(t *testing.T) {
	ctx := testContext(t)
	path := t.TempDir() + "/svc.db"
	db, err := sqlite.Open(ctx, path)
	require.NoError(t, err)
	handledAt(ctx, t, db, time.Now(), 3)
	require.Panics(t, func() {
		_ = sqlite.InTx(ctx, db, func(tx *sqlite.Tx) error {
			_, err := sqlite.NewMessaging(tx).MarkProcessed(ctx, "a", uuid.NewString())
			require.NoError(t, err)
			panic("boom")
		})
	})
	require.NoError(t, db.Close())

	again := openAt(t, path)
	require.Equal(t, 3, inboxRows(ctx, t, again))
}
