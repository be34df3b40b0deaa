package cli_test

import (
	"context"
	"encoding/json"
	"errors"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/orchestrator/ordersaga"
	"github.com/streamsaga/streamsaga/saga"
	"github.com/streamsaga/streamsaga/saga/outbox"
	"github.com/streamsaga/streamsaga/saga/stream"
	"github.com/streamsaga/streamsaga/saga/testenv"
	"github.com/streamsaga/streamsaga/saga/testenv/rediscluster"
)

// waitTimeout bounds every wait for a dead letter or a replayed entry.
const waitTimeout = 10 * time.Second

// poisonConsumer consumes a logical stream with group, dead-lettering every
// entry at once until fixed is closed, and sends the entries it handles
// after that to the returned channel.
func poisonConsumer(t *testing.T, rdb redis.UniversalClient, keys stream.Keys, name, group string, fixed <-chan struct{}) <-chan stream.Message {
	t.Helper()
	handled := make(chan stream.Message, 16)
	h := func(_ context.Context, m stream.Message) error {
		select {
		case <-fixed:
			handled <- m
			return nil
		default:
			return saga.Permanent(errors.New("unknown command type"))
		}
	}
	c, err := stream.NewConsumer(rdb, keys, stream.ConsumerConfig{
		Stream: name, Group: group, Block: 100 * time.Millisecond, Logger: discardLog(),
	}, h)
	require.NoError(t, err)
	require.NoError(t, c.Start(context.Background()))
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), waitTimeout)
		defer cancel()
		require.NoError(t, c.Stop(ctx))
	})
	return handled
}

// publishPoison puts a command on a logical stream for saga sagaID.
func publishPoison(t *testing.T, rdb redis.UniversalClient, keys stream.Keys, name, sagaID string) outbox.Message {
	t.Helper()
	msgID := saga.NewID()
	m := outbox.Message{MessageID: msgID, Stream: name, PartitionKey: sagaID,
		Type: "ReserveInventory", Payload: []byte(`{"message_id":"` + msgID + `","type":"ReserveInventory"}`)}
	require.NoError(t, stream.NewPublisher(rdb, keys, stream.PublisherConfig{}).Publish(context.Background(), []outbox.Message{m}))
	return m
}

// deadLetters is the answer of dlq list --json.
type deadLetters struct {
	DeadLetters []struct {
		Stream     string `json:"stream"`
		ID         string `json:"id"`
		SagaID     string `json:"saga_id"`
		Deliveries int    `json:"deliveries"`
	} `json:"dead_letters"`
}

// waitDeadLetters runs dlq list --json with args until it lists n dead
// letters, and returns them.
func (f *fixture) waitDeadLetters(t *testing.T, n int, args ...string) deadLetters {
	t.Helper()
	var dls deadLetters
	require.Eventually(t, func() bool {
		r := f.cli(t, append([]string{"dlq", "list", "--json"}, args...)...)
		dls = deadLetters{}
		return r.code == 0 && json.Unmarshal([]byte(r.stdout), &dls) == nil && len(dls.DeadLetters) == n
	}, waitTimeout, 20*time.Millisecond, "dlq list %v never listed %d dead letters", args, n)
	return dls
}

func TestDLQListAndReplay(t *testing.T) {
	rdb, prefix := testenv.Redis(t)
	keys := stream.Keys{Prefix: prefix}
	f := newFixture(t, options{redis: rdb, prefix: keys.Prefix})
	require.Equal(t, "no dead letters\n", f.cli(t, "dlq", "list").ok(t).stdout)
	fixed := make(chan struct{})
	handled := poisonConsumer(t, rdb, keys, ordersaga.InventoryCommands, "inventory", fixed)
	poisonConsumer(t, rdb, keys, ordersaga.PaymentCommands, "payment", make(chan struct{}))

	inv := publishPoison(t, rdb, keys, ordersaga.InventoryCommands, saga.NewID())
	first := f.waitDeadLetters(t, 1).DeadLetters[0]
	pay := publishPoison(t, rdb, keys, ordersaga.PaymentCommands, saga.NewID())
	f.waitDeadLetters(t, 2)

	out := f.cli(t, "dlq", "list").ok(t).stdout
	require.Len(t, lines(out), 3, out)
	require.Equal(t, []string{"STREAM", "ENTRY", "ID", "AT", "GROUP", "TYPE", "SAGA", "DELIVERIES", "REASON"}, strings.Fields(lines(out)[0]))
	require.Contains(t, lines(out)[1], pay.PartitionKey, "newest first")
	row := rowOf(t, out, inv.PartitionKey)
	require.Equal(t, []string{ordersaga.InventoryCommands, first.ID}, row[:2])
	require.Regexp(t, listTime, strings.Join(row[2:4], " "))
	require.Equal(t, []string{"inventory", "ReserveInventory", inv.PartitionKey, "1"}, row[4:8])
	require.Contains(t, strings.Join(row[8:], " "), "unknown command type")
	requireAligned(t, out, "SAGA", map[string]string{inv.PartitionKey: inv.PartitionKey, pay.PartitionKey: pay.PartitionKey})

	require.JSONEq(t, f.apiGet(t, "/dlq"), f.cli(t, "dlq", "list", "--json").ok(t).stdout)
	only := f.cli(t, "dlq", "list", "--stream", ordersaga.InventoryCommands).ok(t).stdout
	require.Len(t, lines(only), 2, only)
	require.Contains(t, only, first.ID)
	newest := f.cli(t, "dlq", "list", "--limit", "1").ok(t).stdout
	require.Len(t, lines(newest), 2, newest)
	require.Contains(t, newest, pay.PartitionKey)

	close(fixed)
	out = f.cli(t, "dlq", "replay", ordersaga.InventoryCommands, first.ID).ok(t).stdout
	got := receive(t, handled)
	require.Equal(t, inv.MessageID, got.Fields[stream.FieldMessageID])
	require.Equal(t, "replayed dead letter "+first.ID+" of "+ordersaga.InventoryCommands+": back on "+
		ordersaga.InventoryCommands+" as entry "+got.ID+"\n", out)
	f.waitDeadLetters(t, 0, "--stream", ordersaga.InventoryCommands)

	r := f.cli(t, "dlq", "replay", ordersaga.InventoryCommands, first.ID)
	require.Equal(t, 1, r.code, "a dead letter is replayed once")
	require.Equal(t, "orchestrator: POST /dlq/"+ordersaga.InventoryCommands+"/"+first.ID+"/replay: 404 Not Found: no dead letter \""+
		first.ID+"\" in "+ordersaga.InventoryCommands+"\n", r.stderr)
}

func TestDLQErrors(t *testing.T) {
	rdb, prefix := testenv.Redis(t)
	f := newFixture(t, options{redis: rdb, prefix: prefix})
	r := f.cli(t, "dlq", "list", "--stream", "nope")
	require.Equal(t, 1, r.code)
	require.Empty(t, r.stdout)
	require.Regexp(t, `^orchestrator: GET /dlq: 400 Bad Request: unknown stream "nope": one of .*\n$`, r.stderr)
	r = f.cli(t, "dlq", "replay", "payment.commands", "123")
	require.Equal(t, 1, r.code)
	require.Contains(t, r.stderr, "404 Not Found: no dead letter \"123\" in payment.commands")

	down := newFixture(t, options{}) // an orchestrator whose Redis does not answer
	r = down.cli(t, "dlq", "list")
	require.Equal(t, 1, r.code)
	require.Equal(t, "orchestrator: GET /dlq: 503 Service Unavailable: redis unavailable, try again\n", r.stderr)
}

// receive waits for the replayed entry to be handled.
func receive(t *testing.T, ch <-chan stream.Message) stream.Message {
	t.Helper()
	select {
	case m := <-ch:
		return m
	case <-time.After(waitTimeout):
		t.Fatal("timed out waiting for the replayed entry to be handled")
		return stream.Message{}
	}
}

// On a Redis Cluster the list shows each dead letter's shard, and --shard
// lists one shard.
func TestDLQListPerShardOnACluster(t *testing.T) {
	rdb := rediscluster.Start(t, 3).Client(t, 64)
	keys := stream.KeysFor(rdb, "t"+testenv.RandomSuffix()+":", 0)
	f := newFixture(t, options{redis: rdb, prefix: keys.Prefix})
	poisonConsumer(t, rdb, keys, ordersaga.InventoryCommands, "inventory", make(chan struct{}))
	var sagas []string
	for range 4 {
		sagas = append(sagas, publishPoison(t, rdb, keys, ordersaga.InventoryCommands, saga.NewID()).PartitionKey)
	}
	f.waitDeadLetters(t, 4)
	out := f.cli(t, "dlq", "list").ok(t).stdout
	require.Equal(t, []string{"STREAM", "SHARD", "ENTRY", "ID", "AT", "GROUP", "TYPE", "SAGA", "DELIVERIES", "REASON"}, strings.Fields(lines(out)[0]))
	for _, id := range sagas {
		row := rowOf(t, out, id)
		shard := keys.ShardOf(id)
		require.Equal(t, []string{ordersaga.InventoryCommands, strconv.Itoa(shard)}, row[:2])
		require.True(t, strings.HasPrefix(row[2], strconv.Itoa(shard)+":"), "the entry id names its shard: %s", row[2])
	}
	shard := keys.ShardOf(sagas[0])
	want := 0
	for _, id := range sagas {
		if keys.ShardOf(id) == shard {
			want++
		}
	}
	one := f.waitDeadLetters(t, want, "--shard", strconv.Itoa(shard))
	for _, dl := range one.DeadLetters {
		require.Equal(t, shard, keys.ShardOf(dl.SagaID))
	}
	r := f.cli(t, "dlq", "list", "--shard", "16")
	require.Equal(t, 1, r.code)
	require.Contains(t, r.stderr, "400 Bad Request: shard must be a whole number from 0 to 15")
}
