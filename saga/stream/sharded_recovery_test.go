package stream

import (
	"context"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/saga/outbox"
)

func testShardedOutboxReplay(t *testing.T, env shardedEnv) {
	ctx := context.Background()
	shard := env.keys.ShardOf("saga-x")
	target := env.keys.ShardStream("bound", shard)
	require.NoError(t, env.rdb.Set(ctx, target, "not a stream", 0).Err())
	msg := outbox.Message{ID: 7, MessageID: "m-x", Stream: "bound", PartitionKey: "saga-x", Type: "T", Payload: []byte(`{}`)}
	publish(t, env.rdb, env.keys, msg)

	dls, err := ListDLQ(ctx, env.rdb, env.keys, Outbox, 10)
	require.NoError(t, err)
	require.Len(t, dls, 1)
	dl := dls[0]
	require.Equal(t, shard, dl.Shard, "the outbox dead letter sits on the shard of its saga id")
	require.Equal(t, "7", dl.SourceID, "an outbox dead letter's source is its row")
	require.Equal(t, "bound", dl.Stream)
	_, err = ReplayDLQ(ctx, env.rdb, env.keys, Outbox, dl.ID)
	require.ErrorIs(t, err, ErrReplayRefused)

	require.NoError(t, env.rdb.Del(ctx, target).Err())
	newID, err := ReplayDLQ(ctx, env.rdb, env.keys, Outbox, dl.ID)
	require.NoError(t, err)
	_, entry, err := env.keys.SplitEntryID(newID)
	require.NoError(t, err)
	xms, err := env.rdb.XRange(ctx, target, entry, entry).Result()
	require.NoError(t, err)
	require.Len(t, xms, 1)
	require.Equal(t, "m-x", xms[0].Values[FieldMessageID])
}

func testShardedNoGroup(t *testing.T, env shardedEnv) {
	ctx := context.Background()
	c := newCollector()
	shardConsumer(t, env, ConsumerConfig{Stream: "s"}, func(_ context.Context, m Message) error { c.add(m); return nil })
	before := sagaMessages("s", 32, 32)
	publish(t, env.rdb, env.keys, before...)
	c.waitDistinct(t, len(before))

	lost := env.keys.ShardOf("saga-0")
	env.flush(t, env.keys.ShardStream("s", lost))

	after := sagaMessages("s", 64, 32)[32:]
	for i := range after {
		after[i].MessageID = "after-" + after[i].MessageID
	}
	publish(t, env.rdb, env.keys, after...)
	got := c.waitDistinct(t, len(before)+len(after))
	onLost := 0
	for _, m := range got {
		if m.Shard == lost && strings.HasPrefix(m.Fields[FieldMessageID], "after-") {
			onLost++
		}
	}
	require.Positive(t, onLost, "the shard that lost its group delivers again")
	xms, err := env.rdb.XRange(ctx, env.keys.ShardStream("s", lost), "-", "+").Result()
	require.NoError(t, err)
	for _, xm := range xms {
		require.True(t, strings.HasPrefix(xm.Values[FieldMessageID].(string), "after-"), "the lost shard kept %v", xm.Values)
	}
	for i := range env.keys.ShardCount() {
		key := env.keys.ShardStream("s", i)
		groups, err := env.rdb.XInfoGroups(ctx, key).Result()
		require.NoError(t, err, "shard %d", i)
		require.Len(t, groups, 1, "shard %d", i)
	}
}
