package pg_test

import (
	"context"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/redis/go-redis/v9"
	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/saga/outbox"
	"github.com/streamsaga/streamsaga/saga/pg"
	"github.com/streamsaga/streamsaga/saga/storetest"
	"github.com/streamsaga/streamsaga/saga/stream"
	"github.com/streamsaga/streamsaga/saga/testenv"
)

// refusedBatch is three messages of one partition whose middle one is
// bound for a key that holds a string, so Redis refuses it for good.
func refusedBatch(ctx context.Context, t *testing.T, rdb redis.UniversalClient, keys stream.Keys) []outbox.Message {
	t.Helper()
	msgs := []outbox.Message{storetest.NewMessage("a", 0), storetest.NewMessage("a", 1), storetest.NewMessage("a", 2)}
	msgs[1].Stream = "not.a.stream"
	require.NoError(t, rdb.Set(ctx, keys.Stream(msgs[1].Stream), "a string", 0).Err())
	return msgs
}

// requireRefusedMoved checks that the outbox is empty, the other messages
// reached their stream and the refused one the outbox's dead letters.
func requireRefusedMoved(ctx context.Context, t *testing.T, pool *pgxpool.Pool, rdb redis.UniversalClient, keys stream.Keys, msgs []outbox.Message) {
	t.Helper()
	require.Empty(t, outboxRows(ctx, t, pool))
	got, err := rdb.XRange(ctx, keys.Stream(msgs[0].Stream), "-", "+").Result()
	require.NoError(t, err)
	require.Len(t, got, 2)
	require.Equal(t, msgs[2].MessageID, got[1].Values[stream.FieldMessageID])
	dls, err := stream.ListDLQ(ctx, rdb, keys, "outbox", 10)
	require.NoError(t, err)
	require.Len(t, dls, 1)
	require.Equal(t, msgs[1].MessageID, dls[0].Fields[stream.FieldMessageID])
	require.Equal(t, msgs[1].Stream, dls[0].Stream)
	require.Contains(t, dls[0].Reason, "WRONGTYPE")
}

// A row Redis refuses for good is dead-lettered and deleted by the relay's
// pass, and the rows behind it are published in the same pass.
func TestRelayDeadLettersARefusedRow(t *testing.T) {
	ctx, pool := testContext(t), connect(t)
	rdb, prefix := testenv.Redis(t)
	keys := stream.Keys{Prefix: prefix}
	msgs := refusedBatch(ctx, t, rdb, keys)
	addMessages(ctx, t, pool, msgs...)

	pub := stream.NewPublisher(rdb, keys, stream.PublisherConfig{Logger: storetest.QuietLogger()})
	n, err := newSource(t, pool).Relay(ctx, 10, pub.Publish)
	require.NoError(t, err)
	require.Equal(t, 3, n)
	requireRefusedMoved(ctx, t, pool, rdb, keys, msgs)
}

// The courier does the same for the rows it was handed after the commit.
func TestCourierDeadLettersARefusedRow(t *testing.T) {
	ctx, pool := testContext(t), connect(t)
	rdb, prefix := testenv.Redis(t)
	keys := stream.Keys{Prefix: prefix}
	msgs := refusedBatch(ctx, t, rdb, keys)
	pub := stream.NewPublisher(rdb, keys, stream.PublisherConfig{Logger: storetest.QuietLogger()})
	c, err := outbox.NewCourier(pub, newSource(t, pool), outbox.CourierConfig{
		Lease: time.Minute, MaxBackoff: 50 * time.Millisecond, Logger: storetest.QuietLogger()})
	require.NoError(t, err)
	addMessages(ctx, t, pg.NewDB(pool, pg.DBConfig{Dispatcher: c}), msgs...)
	require.NoError(t, c.Start(ctx))
	stopCtx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	require.NoError(t, c.Stop(stopCtx), "the courier had nothing left")
	require.Equal(t, uint64(3), c.Stats().Published)
	requireRefusedMoved(ctx, t, pool, rdb, keys, msgs)
}
