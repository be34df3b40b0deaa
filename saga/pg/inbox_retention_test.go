package pg_test

import (
	"context"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/saga/inbox"
	"github.com/streamsaga/streamsaga/saga/pg"
)

const week = 7 * 24 * time.Hour

// handledAt records n messages of consumer as handled at t and returns
// their ids.
func handledAt(ctx context.Context, t *testing.T, pool *pgxpool.Pool, consumer string, at time.Time, n int) []string {
	t.Helper()
	ids := make([]string, n)
	for i := range ids {
		ids[i] = uuid.NewString()
		_, err := pool.Exec(ctx, "INSERT INTO inbox (consumer, message_id, processed_at) VALUES ($1, $2, $3)", consumer, ids[i], at)
		require.NoError(t, err)
	}
	return ids
}

func inboxRows(ctx context.Context, t *testing.T, pool *pgxpool.Pool) int {
	t.Helper()
	var n int
	require.NoError(t, pool.QueryRow(ctx, "SELECT count(*) FROM inbox").Scan(&n))
	return n
}

// isNew reports whether the inbox takes id as a message not seen before.
func isNew(ctx context.Context, t *testing.T, pool *pgxpool.Pool, consumer, id string) bool {
	t.Helper()
	first, err := pg.NewMessaging(pool).MarkProcessed(ctx, consumer, id)
	require.NoError(t, err)
	return first
}

// Ids past the retention go, of every consumer; recent ones stay and still
// stop duplicates.
func TestPruneInboxDeletesOnlyOldRows(t *testing.T) {
	ctx, pool := testContext(t), connect(t)
	now := time.Now()
	old := append(handledAt(ctx, t, pool, "a", now.Add(-8*24*time.Hour), 3),
		handledAt(ctx, t, pool, "b", now.Add(-30*24*time.Hour), 2)...)
	recent := handledAt(ctx, t, pool, "a", now.Add(-time.Hour), 3)

	n, err := pg.PruneInbox(ctx, pool, now.Add(-week), 100)
	require.NoError(t, err)
	require.EqualValues(t, len(old), n)
	require.Equal(t, len(recent), inboxRows(ctx, t, pool))
	require.False(t, isNew(ctx, t, pool, "a", recent[0]), "a recent id still stops a duplicate")
	require.True(t, isNew(ctx, t, pool, "a", old[0]), "an old id is gone")

	n, err = pg.PruneInbox(ctx, pool, now.Add(-week), 100)
	require.NoError(t, err)
	require.Zero(t, n, "nothing old is left")
}

// One call deletes at most batch rows, oldest first.
func TestPruneInboxBatchesAreBounded(t *testing.T) {
	ctx, pool := testContext(t), connect(t)
	now := time.Now()
	oldest := handledAt(ctx, t, pool, "a", now.Add(-20*24*time.Hour), 2)
	older := handledAt(ctx, t, pool, "a", now.Add(-10*24*time.Hour), 3)
	handledAt(ctx, t, pool, "a", now, 1)

	for i, want := range []int64{2, 2, 1, 0} {
		n, err := pg.PruneInbox(ctx, pool, now.Add(-week), 2)
		require.NoError(t, err)
		require.Equal(t, want, n, "call %d", i)
		if i == 0 {
			require.Equal(t, 4, inboxRows(ctx, t, pool))
			require.False(t, inInbox(ctx, t, pool, oldest[0]) || inInbox(ctx, t, pool, oldest[1]), "the oldest go first")
			require.True(t, inInbox(ctx, t, pool, older[0]))
		}
	}
	require.Equal(t, 1, inboxRows(ctx, t, pool), "the recent row")

	_, err := pg.PruneInbox(ctx, pool, now, 0)
	require.ErrorIs(t, err, inbox.ErrBadBatch)
}

func inInbox(ctx context.Context, t *testing.T, pool *pgxpool.Pool, id string) bool {
	t.Helper()
	var found bool
	require.NoError(t, pool.QueryRow(ctx, "SELECT EXISTS (SELECT 1 FROM inbox WHERE message_id = $1)", id).Scan(&found))
	return found
}

// Prune runs batches until nothing old is left, at its own clock.
func TestInboxRetentionPrunesInBatches(t *testing.T) {
	ctx, pool := testContext(t), connect(t)
	now := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	handledAt(ctx, t, pool, "a", now.Add(-week-time.Minute), 7)
	kept := handledAt(ctx, t, pool, "a", now.Add(-week+time.Minute), 2)

	r := inbox.Retention{Prune: pg.InboxPruner(pool), Keep: week, Batch: 3, Now: func() time.Time { return now }}
	n, err := r.Run(ctx)
	require.NoError(t, err)
	require.EqualValues(t, 7, n)
	require.Equal(t, len(kept), inboxRows(ctx, t, pool))
	require.NoError(t, r.Pass(ctx), "a pass with nothing to do")

	_, err = inbox.Retention{Prune: pg.InboxPruner(pool), Keep: -time.Hour}.Run(ctx)
	require.ErrorContains(t, err, "positive retention")
	_, err = inbox.Retention{Keep: week}.Run(ctx)
	require.ErrorContains(t, err, "need a prune function")
}

// Without Keep, ids are kept for DefaultInboxRetention.
func TestInboxRetentionDefaultsToAWeek(t *testing.T) {
	ctx, pool := testContext(t), connect(t)
	now := time.Now()
	handledAt(ctx, t, pool, "a", now.Add(-inbox.DefaultRetention-time.Hour), 2)
	handledAt(ctx, t, pool, "a", now.Add(-inbox.DefaultRetention+time.Hour), 1)
	n, err := inbox.Retention{Prune: pg.InboxPruner(pool)}.Run(ctx)
	require.NoError(t, err)
	require.EqualValues(t, 2, n)
	require.Equal(t, 1, inboxRows(ctx, t, pool))
}

// Rows another pruner holds are skipped rather than waited for.
func TestPruneInboxSkipsHeldRows(t *testing.T) {
	ctx, pool := testContext(t), connect(t)
	now := time.Now()
	held := handledAt(ctx, t, pool, "a", now.Add(-9*24*time.Hour), 1)
	handledAt(ctx, t, pool, "a", now.Add(-8*24*time.Hour), 2)
	tx, err := pool.Begin(ctx)
	require.NoError(t, err)
	defer func() { _ = tx.Rollback(context.WithoutCancel(ctx)) }()
	_, err = tx.Exec(ctx, "SELECT 1 FROM inbox WHERE message_id = $1 FOR UPDATE", held[0])
	require.NoError(t, err)

	quick, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	n, err := pg.PruneInbox(quick, pool, now.Add(-week), 100)
	require.NoError(t, err)
	require.EqualValues(t, 2, n)
	require.True(t, inInbox(ctx, t, pool, held[0]))
}
