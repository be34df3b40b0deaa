package pg

import (
	"context"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/saga/outbox"
	"github.com/streamsaga/streamsaga/saga/testenv"
)

func lessID(a, b int64) bool { return a < b }

// collector is a publish function that records the message ids it got.
type collector struct{ ids []string }

func (c *collector) publish(_ context.Context, msgs []outbox.Message) error {
	for _, m := range msgs {
		c.ids = append(c.ids, m.MessageID)
	}
	return nil
}

func addMessage(ctx context.Context, t *testing.T, db pgx.Tx) string {
	t.Helper()
	id := uuid.NewString()
	require.NoError(t, NewMessaging(db).AddMessages(ctx, []outbox.Message{{MessageID: id, Stream: "s",
		PartitionKey: uuid.NewString(), Type: "T", Payload: []byte("{}")}}))
	return id
}

func commitMessage(ctx context.Context, t *testing.T, pool *pgxpool.Pool) string {
	t.Helper()
	var id string
	require.NoError(t, InTx(ctx, pool, func(tx pgx.Tx) error { id = addMessage(ctx, t, tx); return nil }))
	return id
}

// A row whose transaction took its id before the mark was sampled and
// committed after the mark moved past it is not seen by the passes that
// read from the mark, and is published by the next full pass.
func TestRelayFindsARowCommittedBelowItsMarkInAFullPass(t *testing.T) {
	ctx, cancel := context.WithTimeout(t.Context(), time.Minute)
	defer cancel()
	pool, err := Connect(ctx, testenv.Database(t), "inventory")
	require.NoError(t, err)
	t.Cleanup(pool.Close)
	src := NewOutboxSource(pool, "inventory")
	src.mark = NewLowWater(LowWaterConfig{Lag: time.Millisecond, DeepLag: time.Hour, DeepEvery: time.Hour, FullEvery: time.Hour}, lessID)
	got := &collector{}

	late, err := pool.Begin(ctx)
	require.NoError(t, err)
	defer late.Rollback(context.WithoutCancel(ctx)) //nolint:errcheck
	lateID := addMessage(ctx, t, late)
	earlyID := commitMessage(ctx, t, pool)

	for range 2 { // the first pass samples, the second marks that sample
		_, err = src.Relay(ctx, 10, got.publish)
		require.NoError(t, err)
		time.Sleep(2 * time.Millisecond)
	}
	require.Equal(t, []string{earlyID}, got.ids)
	from, pass := src.mark.Start(time.Now())
	require.Equal(t, QuickPass, pass)
	require.EqualValues(t, 2, from, "the mark is past the open transaction's row")

	require.NoError(t, late.Commit(ctx))
	_, err = src.Relay(ctx, 10, got.publish)
	require.NoError(t, err)
	require.Equal(t, []string{earlyID}, got.ids, "a pass from the mark does not see the late row")

	src.mark.cfg.FullEvery = time.Nanosecond
	_, err = src.Relay(ctx, 10, got.publish)
	require.NoError(t, err)
	require.Equal(t, []string{earlyID, lateID}, got.ids, "the full pass publishes it")
}

// With no vacuum, the outbox's primary key keeps an entry for every row
// published and deleted. A claim from the relay's mark reads a few pages
// wherever the queue is; one from the start reads every page of them.
func TestRelayClaimFromItsMarkSkipsTheDeletedRows(t *testing.T) {
	ctx, cancel := context.WithTimeout(t.Context(), time.Minute)
	defer cancel()
	pool := filledPool(ctx, t, `
ALTER TABLE outbox SET (autovacuum_enabled = off);
INSERT INTO outbox (message_id, stream, partition_key, message_type, payload)
SELECT gen_random_uuid(), 's', gen_random_uuid()::text, 'T', '{}' FROM generate_series(1, 50000);
DELETE FROM outbox;`)
	src := NewOutboxSource(pool, "inventory")
	src.mark = NewLowWater(LowWaterConfig{Lag: time.Nanosecond, DeepLag: time.Hour, DeepEvery: time.Hour, FullEvery: time.Hour}, lessID)
	got := &collector{}
	for range 2 {
		commitMessage(ctx, t, pool)
		_, err := src.Relay(ctx, 10, got.publish)
		require.NoError(t, err)
	}
	require.Len(t, got.ids, 2)
	mark, pass := src.mark.Start(time.Now())
	require.Equal(t, QuickPass, pass)
	require.Greater(t, mark, int64(50000))
	commitMessage(ctx, t, pool)

	fromStart := claimBuffers(ctx, t, pool, 0)
	fromMark := claimBuffers(ctx, t, pool, mark)
	require.Less(t, fromMark*10, fromStart, "pages read from the mark (%d) and from the start (%d)", fromMark, fromStart)
}

// claimBuffers is how many pages the relay's claim from id from reads.
func claimBuffers(ctx context.Context, t *testing.T, pool *pgxpool.Pool, from int64) int64 {
	t.Helper()
	n, _ := testenv.PlanBuffersInTx(ctx, t, pool, "", sqlClaimOutbox, 256, from)
	t.Logf("the claim from id %d read %d pages", from, n)
	return n
}
