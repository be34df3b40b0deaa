package stream

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/saga"
)

func testShardedPublish(t *testing.T, env shardedEnv) {
	msgs := sagaMessages("s", 64, 32)
	publish(t, env.rdb, env.keys, msgs...)
	lens, used := shardLens(t, env, "s"), 0
	for i, n := range lens {
		xms, err := env.rdb.XRange(context.Background(), env.keys.ShardStream("s", i), "-", "+").Result()
		require.NoError(t, err)
		require.Len(t, xms, int(n))
		for _, xm := range xms {
			require.Equal(t, i, env.keys.ShardOf(xm.Values[FieldSagaID].(string)), "entry %s on shard %d", xm.ID, i)
		}
		if n > 0 {
			used++
		}
	}
	require.Greater(t, used, env.keys.ShardCount()/2, "32 sagas use most shards: %v", lens)

	c := newCollector()
	shardConsumer(t, env, ConsumerConfig{Stream: "s"}, func(_ context.Context, m Message) error { c.add(m); return nil })
	for _, m := range c.waitDistinct(t, len(msgs)) {
		require.Equal(t, env.keys.ShardOf(m.Fields[FieldSagaID]), m.Shard)
		require.EqualValues(t, 1, m.Deliveries)
		require.Equal(t, "s", m.Stream)
	}
}

func testShardedOrder(t *testing.T, env shardedEnv) {
	c := newCollector()
	shardConsumer(t, env, ConsumerConfig{Stream: "s"}, func(_ context.Context, m Message) error { c.add(m); return nil })
	msgs := sagaMessages("s", 300, 10)
	for batch := range 3 {
		publish(t, env.rdb, env.keys, msgs[batch*100:(batch+1)*100]...)
	}
	next := map[string]int{}
	for _, m := range c.waitDistinct(t, len(msgs)) {
		var body struct{ Seq int }
		require.NoError(t, json.Unmarshal(m.Envelope(), &body))
		sagaID := m.Fields[FieldSagaID]
		require.Equal(t, next[sagaID], body.Seq, "saga %s out of order", sagaID)
		next[sagaID]++
	}
}

func testShardedSharing(t *testing.T, env shardedEnv) {
	a, b := newCollector(), newCollector()
	for name, c := range map[string]*collector{"a": a, "b": b} {
		shardConsumer(t, env, ConsumerConfig{Stream: "s", Name: name}, func(_ context.Context, m Message) error { c.add(m); return nil })
	}
	msgs := sagaMessages("s", 200, 50)
	for round := range 20 {
		publish(t, env.rdb, env.keys, msgs[round*10:(round+1)*10]...)
		require.Eventually(t, func() bool {
			_, sa := a.snapshot()
			_, sb := b.snapshot()
			return len(sa)+len(sb) >= (round+1)*10
		}, waitTimeout, 5*time.Millisecond)
	}
	_, sa := a.snapshot()
	_, sb := b.snapshot()
	require.NotEmpty(t, sa, "consumer a got no work")
	require.NotEmpty(t, sb, "consumer b got no work")
	for _, m := range msgs {
		require.Equal(t, 1, sa[m.MessageID]+sb[m.MessageID], "deliveries of %s", m.MessageID)
	}
}

func testShardedClaim(t *testing.T, env shardedEnv) {
	c := newCollector()
	shardConsumer(t, env, ConsumerConfig{Stream: "s", MinIdle: 300 * time.Millisecond},
		func(_ context.Context, m Message) error {
			c.add(m)
			if m.Deliveries == 1 {
				return errors.New("boom: first delivery fails")
			}
			return nil
		})
	msgs := sagaMessages("s", 32, 16)
	publish(t, env.rdb, env.keys, msgs...)
	require.Eventually(t, func() bool {
		_, seen := c.snapshot()
		for _, m := range msgs {
			if seen[m.MessageID] < 2 {
				return false
			}
		}
		return true
	}, waitTimeout, 10*time.Millisecond, "every message delivered again")
	got, _ := c.snapshot()
	first := map[string]Message{}
	for _, m := range got {
		id := m.Fields[FieldMessageID]
		if m.Deliveries == 1 {
			first[id] = m
			continue
		}
		require.EqualValues(t, 2, m.Deliveries)
		require.Equal(t, first[id].ID, m.ID, "the same entry of %s", id)
		require.Equal(t, first[id].Shard, m.Shard, "on the same shard")
	}
	for i := range env.keys.ShardCount() {
		require.Eventually(t, func() bool {
			p, err := env.rdb.XPending(context.Background(), env.keys.ShardStream("s", i), env.keys.Group("g")).Result()
			return err == nil && p.Count == 0
		}, waitTimeout, 10*time.Millisecond, "shard %d has pending entries", i)
	}
}

func testShardedStop(t *testing.T, env shardedEnv) {
	cfg := ConsumerConfig{Stream: "s", Group: "g", Block: time.Second, Logger: testLogger(t)}
	c, err := NewConsumer(env.rdb, env.keys, cfg, func(context.Context, Message) error { return nil })
	require.NoError(t, err)
	require.NoError(t, c.Start(context.Background()))
	time.Sleep(200 * time.Millisecond) // every shard's read is blocking now
	ctx, cancel := context.WithTimeout(context.Background(), waitTimeout)
	defer cancel()
	start := time.Now()
	require.NoError(t, c.Stop(ctx))
	require.Less(t, time.Since(start), 3*time.Second,
		"%d shards blocking for 1s each stop together, not one after the other", env.keys.ShardCount())
}

// idOf finds the dead letter of message id among dls.
func idOf(t *testing.T, dls []DeadLetter, id string) DeadLetter {
	t.Helper()
	for _, dl := range dls {
		if dl.Fields[FieldMessageID] == id {
			return dl
		}
	}
	t.Fatalf("no dead letter of %s", id)
	return DeadLetter{}
}

func testShardedDeadLetters(t *testing.T, env shardedEnv) {
	ctx := context.Background()
	c := newCollector()
	shardConsumer(t, env, ConsumerConfig{Stream: "s", MinIdle: time.Hour}, func(_ context.Context, m Message) error {
		c.add(m)
		if _, seen := c.snapshot(); seen[m.Fields[FieldMessageID]] == 1 {
			return saga.Permanent(errors.New("rejected once"))
		}
		return nil
	})
	msgs := sagaMessages("s", 24, 24)
	publish(t, env.rdb, env.keys, msgs...)
	var dls []DeadLetter
	require.Eventually(t, func() bool {
		var err error
		dls, err = ListDLQ(ctx, env.rdb, env.keys, "s", 100)
		return err == nil && len(dls) == len(msgs)
	}, waitTimeout, 10*time.Millisecond)

	var total int64
	for i := range env.keys.ShardCount() {
		n, err := env.rdb.XLen(ctx, env.keys.ShardDLQ("s", i)).Result()
		require.NoError(t, err)
		total += n
		mine, err := ListShardDLQ(ctx, env.rdb, env.keys, "s", i, 100)
		require.NoError(t, err)
		require.Len(t, mine, int(n))
		for _, dl := range mine {
			require.Equal(t, i, dl.Shard)
		}
	}
	require.EqualValues(t, len(msgs), total, "each dead letter in its shard's <shard key>.dlq")
	for k, dl := range dls {
		require.Equal(t, env.keys.ShardOf(dl.Fields[FieldSagaID]), dl.Shard)
		shard, _, err := env.keys.SplitEntryID(dl.SourceID)
		require.NoError(t, err)
		require.Equal(t, dl.Shard, shard, "the source id names the shard")
		if k > 0 {
			require.False(t, newerEntry(dl.ID, dls[k-1].ID), "newest first: %s after %s", dl.ID, dls[k-1].ID)
		}
	}
	newest, err := ListDLQ(ctx, env.rdb, env.keys, "s", 5)
	require.NoError(t, err)
	require.Equal(t, dls[:5], newest)

	one := idOf(t, dls, "m-7")
	got, err := GetDLQ(ctx, env.rdb, env.keys, "s", one.ID)
	require.NoError(t, err)
	require.Equal(t, one, got)
	newID, err := ReplayDLQ(ctx, env.rdb, env.keys, "s", one.ID)
	require.NoError(t, err)
	shard, entry, err := env.keys.SplitEntryID(newID)
	require.NoError(t, err)
	require.Equal(t, one.Shard, shard, "replayed onto the shard it came from")
	require.Eventually(t, func() bool { _, seen := c.snapshot(); return seen["m-7"] == 2 }, waitTimeout, 10*time.Millisecond)
	all, _ := c.snapshot()
	last := all[len(all)-1]
	require.Equal(t, "m-7", last.Fields[FieldMessageID])
	require.Equal(t, entry, last.ID)
	require.Equal(t, shard, last.Shard)

	_, err = GetDLQ(ctx, env.rdb, env.keys, "s", one.ID)
	require.ErrorIs(t, err, saga.ErrNotFound)
	_, err = ReplayDLQ(ctx, env.rdb, env.keys, "s", one.ID)
	require.ErrorIs(t, err, saga.ErrNotFound, "a dead letter was replayed twice")
	for _, bad := range []string{entry, fmt.Sprintf("%d:%s", env.keys.ShardCount(), entry), "x"} {
		_, err = GetDLQ(ctx, env.rdb, env.keys, "s", bad)
		require.ErrorIs(t, err, saga.ErrNotFound, bad)
		_, err = ReplayDLQ(ctx, env.rdb, env.keys, "s", bad)
		require.ErrorIs(t, err, saga.ErrNotFound, bad)
	}
}
