package stream

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/saga/outbox"
)

// shardedEnv is where a sharded case runs: a client, keys of the case's
// own, and how to make the node holding a key lose its data.
type shardedEnv struct {
	rdb   redis.UniversalClient
	keys  Keys
	flush func(t *testing.T, key string)
}

// shardedCase is one case run on sharded keys of a single Redis and of a
// cluster.
type shardedCase struct {
	name string
	run  func(t *testing.T, env shardedEnv)
}

func shardedCases() []shardedCase {
	return []shardedCase{
		{"PublishesEachMessageOnTheShardOfItsSagaID", testShardedPublish},
		{"KeepsEachSagasOrder", testShardedOrder},
		{"ConsumersOfAGroupShareTheShards", testShardedSharing},
		{"ClaimsIdleEntriesOfEveryShard", testShardedClaim},
		{"DeadLettersAndReplaysPerShard", testShardedDeadLetters},
		{"OutboxDeadLettersGoBackToTheirShard", testShardedOutboxReplay},
		{"RecoversGroupsAfterANodeLostItsData", testShardedNoGroup},
		{"StopsPromptlyWhileEveryShardBlocks", testShardedStop},
	}
}

// sagaMessages are n messages of sagas saga-0 to saga-<sagas-1> in turn,
// each carrying its number within its saga.
func sagaMessages(stream string, n, sagas int) []outbox.Message {
	msgs := make([]outbox.Message, n)
	for i := range msgs {
		saga := fmt.Sprintf("saga-%d", i%sagas)
		msgs[i] = outbox.Message{
			MessageID: fmt.Sprintf("m-%d", i), Stream: stream, PartitionKey: saga, Type: "TestEvent",
			Payload: fmt.Appendf(nil, `{"seq":%d}`, i/sagas),
		}
	}
	return msgs
}

// collector records what a handler got, safely from every shard's reader.
type collector struct {
	mu   sync.Mutex
	got  []Message
	seen map[string]int
}

func newCollector() *collector { return &collector{seen: map[string]int{}} }

func (c *collector) add(m Message) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.got = append(c.got, m)
	c.seen[m.Fields[FieldMessageID]]++
}

func (c *collector) snapshot() ([]Message, map[string]int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	seen := make(map[string]int, len(c.seen))
	for k, v := range c.seen {
		seen[k] = v
	}
	return append([]Message(nil), c.got...), seen
}

// waitDistinct waits until n distinct message ids were collected.
func (c *collector) waitDistinct(t *testing.T, n int) []Message {
	t.Helper()
	var got []Message
	require.Eventually(t, func() bool {
		var seen map[string]int
		got, seen = c.snapshot()
		return len(seen) >= n
	}, waitTimeout, 10*time.Millisecond, "waiting for %d distinct messages", n)
	return got
}

// shardConsumer starts a consumer of stream in group g on env's keys.
func shardConsumer(t *testing.T, env shardedEnv, cfg ConsumerConfig, h Handler) *Consumer {
	t.Helper()
	if cfg.Group == "" {
		cfg.Group = "g"
	}
	if cfg.ClaimInterval == 0 {
		cfg.ClaimInterval = 50 * time.Millisecond
	}
	return startConsumer(t, env.rdb, env.keys, cfg, h)
}

// shardLens returns the number of entries of each shard key of stream.
func shardLens(t *testing.T, env shardedEnv, stream string) []int64 {
	t.Helper()
	out := make([]int64, env.keys.ShardCount())
	for i := range out {
		n, err := env.rdb.XLen(context.Background(), env.keys.ShardStream(stream, i)).Result()
		require.NoError(t, err)
		out[i] = n
	}
	return out
}
