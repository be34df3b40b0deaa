package stream

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"
)

// A replay whose re-add fails keeps the dead letter: here the source
// stream's key holds a string, so XADD answers WRONGTYPE.
func TestReplayThatCannotAddKeepsTheDeadLetter(t *testing.T) {
	rdb, keys := setup(t)
	ctx := context.Background()
	id, err := rdb.XAdd(ctx, rawEntry(keys.DLQ("s"), FieldMessageID, "m-1", FieldEnvelope, "{}",
		FieldDLQReason, "r", FieldDLQStream, "s")).Result()
	require.NoError(t, err)
	require.NoError(t, rdb.Set(ctx, keys.Stream("s"), "not a stream", 0).Err())

	_, err = ReplayDLQ(ctx, rdb, keys, "s", id)
	require.ErrorIs(t, err, ErrReplayRefused)
	require.ErrorContains(t, err, "WRONGTYPE")
	xms, err := rdb.XRange(ctx, keys.DLQ("s"), id, id).Result()
	require.NoError(t, err)
	require.Len(t, xms, 1, "the dead letter is still there")

	require.NoError(t, rdb.Del(ctx, keys.Stream("s")).Err())
	newID, err := ReplayDLQ(ctx, rdb, keys, "s", id)
	require.NoError(t, err, "once the cause is gone the replay succeeds")
	got, err := rdb.XRange(ctx, keys.Stream("s"), newID, newID).Result()
	require.NoError(t, err)
	require.Equal(t, map[string]any{FieldMessageID: "m-1", FieldEnvelope: "{}"}, got[0].Values)
	n, err := rdb.XLen(ctx, keys.DLQ("s")).Result()
	require.NoError(t, err)
	require.Zero(t, n)
}

// A dead letter of the outbox goes back to the stream it was bound for,
// named by its dlq_stream field.
func TestReplayOfAnOutboxDeadLetterGoesToItsStream(t *testing.T) {
	rdb, keys := setup(t)
	ctx := context.Background()
	id, err := rdb.XAdd(ctx, rawEntry(keys.DLQ(Outbox), FieldMessageID, "m-1", FieldEnvelope, "{}",
		FieldDLQReason, "WRONGTYPE", FieldDLQStream, "s", FieldDLQID, "7")).Result()
	require.NoError(t, err)

	newID, err := ReplayDLQ(ctx, rdb, keys, Outbox, id)
	require.NoError(t, err)
	got, err := rdb.XRange(ctx, keys.Stream("s"), newID, newID).Result()
	require.NoError(t, err)
	require.Len(t, got, 1)
	require.Equal(t, map[string]any{FieldMessageID: "m-1", FieldEnvelope: "{}"}, got[0].Values)
	n, err := rdb.Exists(ctx, keys.Stream(Outbox)).Result()
	require.NoError(t, err)
	require.Zero(t, n, "nothing is published to the outbox stream itself")
}
