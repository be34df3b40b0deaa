package stream

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/saga/outbox"
)

// sentOutcomes collects what a carrier reported for each carried batch.
type sentOutcomes chan error

func (s sentOutcomes) report(err error) { s <- err }

func (s sentOutcomes) wait(t *testing.T) error {
	t.Helper()
	select {
	case err := <-s:
		return err
	case <-time.After(waitTimeout):
		t.Fatal("timed out waiting for a carried batch's outcome")
		return nil
	}
}

// carryingHandler answers every entry with nil and, for each one, has
// the carrier of its context publish a reply to "replies".
func carryingHandler(t *testing.T, sent sentOutcomes) BatchHandler {
	return func(ctx context.Context, msgs []Message) []error {
		car := outbox.CarrierFrom(ctx)
		if car == nil {
			t.Error("the read loop's handler got no carrier")
			return make([]error, len(msgs))
		}
		for i := range msgs {
			car.Carry([]outbox.Message{testMessage("replies", i)}, sent.report)
		}
		return make([]error, len(msgs))
	}
}

// A batch consumer publishes what its handler carried with its next read:
// the XADD, the XACK and the XREADGROUP in one pipeline, the carrier told
// once the round trip is back.
func TestCarriedMessagesGoOutWithTheNextRead(t *testing.T) {
	rdb, keys := setup(t)
	rec := recordCommands(rdb)
	sent := make(sentOutcomes, 10)
	pub := NewPublisher(rdb, keys, PublisherConfig{})
	startBatchConsumer(t, rdb, keys, ConsumerConfig{Stream: "s", Group: "g", Carry: pub}, carryingHandler(t, sent))
	publishN(t, rdb, keys, "s", 1)

	require.NoError(t, sent.wait(t))
	entries, err := rdb.XRange(t.Context(), keys.Stream("replies"), "-", "+").Result()
	require.NoError(t, err)
	require.Len(t, entries, 1)
	require.Equal(t, "msg-0", entries[0].Values[FieldMessageID])
	require.Contains(t, rec.pipelineNames(), []string{"xadd", "xack", "xreadgroup"})
	require.Equal(t, int64(0), pendingCount(t, rdb, keys, "s", "g"))
}

// A carried message Redis refuses is reported with the error, so that the
// courier publishes it (and dead-letters it when the refusal is for good).
func TestCarriedMessageRefusedIsReported(t *testing.T) {
	rdb, keys := setup(t)
	require.NoError(t, rdb.Set(t.Context(), keys.Stream("replies"), "not a stream", 0).Err())
	sent := make(sentOutcomes, 10)
	pub := NewPublisher(rdb, keys, PublisherConfig{})
	startBatchConsumer(t, rdb, keys, ConsumerConfig{Stream: "s", Group: "g", Carry: pub}, carryingHandler(t, sent))
	publishN(t, rdb, keys, "s", 1)

	err := sent.wait(t)
	require.Error(t, err)
	require.True(t, IsPermanent(err), "WRONGTYPE is for good: %v", err)
}

// What a handler carried goes out when the consumer stops before its next
// read: with the flush at the read loop's end.
func TestCarriedMessagesGoOutOnStop(t *testing.T) {
	rdb, keys := setup(t)
	sent := make(sentOutcomes, 10)
	pub := NewPublisher(rdb, keys, PublisherConfig{})
	handled := make(chan struct{})
	release := make(chan struct{})
	h := func(ctx context.Context, msgs []Message) []error {
		close(handled)
		<-release // the stop comes while the handler runs
		outbox.CarrierFrom(ctx).Carry([]outbox.Message{testMessage("replies", 7)}, sent.report)
		return make([]error, len(msgs))
	}
	c, err := NewBatchConsumer(rdb, keys, ConsumerConfig{Stream: "s", Group: "g", Block: testBlock, Carry: pub, Logger: testLogger(t)}, h)
	require.NoError(t, err)
	runCtx, cancel := context.WithCancel(t.Context())
	defer cancel()
	require.NoError(t, c.Start(runCtx))
	publishN(t, rdb, keys, "s", 1)
	<-handled
	cancel() // the stop comes while the handler runs: the loops' context is done before it returns
	close(release)
	require.NoError(t, c.Stop(context.Background()))

	require.NoError(t, sent.wait(t))
	n, err := rdb.XLen(t.Context(), keys.Stream("replies")).Result()
	require.NoError(t, err)
	require.Equal(t, int64(1), n)
	require.Equal(t, int64(0), pendingCount(t, rdb, keys, "s", "g"), "acknowledged in the same flush")
}

// Only a batch consumer on a single Redis whose pipelines wait for a
// blocking read carries, and only when asked to; the claim loop's
// handlers never get the carrier.
func TestOnlyReadLoopsThatMayCarry(t *testing.T) {
	rdb, keys := setup(t)
	pub := NewPublisher(rdb, keys, PublisherConfig{})
	batch := func(_ context.Context, m []Message) []error { return make([]error, len(m)) }
	carries := func(c *Consumer) bool {
		return outbox.CarrierFrom(c.readers[0].carrying(context.Background())) != nil
	}

	c, err := NewBatchConsumer(rdb, keys, ConsumerConfig{Stream: "s", Group: "g", Carry: pub}, batch)
	require.NoError(t, err)
	require.True(t, carries(c))
	c, err = NewBatchConsumer(rdb, keys, ConsumerConfig{Stream: "s", Group: "g"}, batch)
	require.NoError(t, err)
	require.False(t, carries(c), "not asked to")
	c, err = NewConsumer(rdb, keys, ConsumerConfig{Stream: "s", Group: "g", Carry: pub}, func(context.Context, Message) error { return nil })
	require.NoError(t, err)
	require.False(t, carries(c), "per entry: acknowledged at once, nothing to ride with")
	short := redis.NewClient(&redis.Options{Addr: rdb.Options().Addr, ReadTimeout: 1500 * time.Millisecond})
	defer short.Close()
	c, err = NewBatchConsumer(short, keys, ConsumerConfig{Stream: "s", Group: "g", Block: time.Second, Carry: pub}, batch)
	require.NoError(t, err)
	require.False(t, carries(c), "a pipeline cut short")
	cluster := redis.NewClusterClient(&redis.ClusterOptions{Addrs: []string{rdb.Options().Addr}})
	defer cluster.Close()
	c, err = NewBatchConsumer(cluster, KeysFor(cluster, keys.Prefix, 1), ConsumerConfig{Stream: "s", Group: "g", Carry: pub}, batch)
	require.NoError(t, err)
	require.False(t, carries(c), "a cluster client")
}

// A handler the claim loop calls (a redelivery) has no carrier: its
// messages go to the courier, which does not wait for a read.
func TestRedeliveredEntriesAreNotCarried(t *testing.T) {
	rdb, keys := setup(t)
	pub := NewPublisher(rdb, keys, PublisherConfig{})
	carried := make(chan bool, 10)
	first := true
	h := func(ctx context.Context, msgs []Message) []error {
		carried <- outbox.CarrierFrom(ctx) != nil
		errs := make([]error, len(msgs))
		if first {
			first = false
			errs[0] = errors.New("not yet")
		}
		return errs
	}
	startBatchConsumer(t, rdb, keys, ConsumerConfig{
		Stream: "s", Group: "g", Carry: pub, MinIdle: 50 * time.Millisecond, ClaimInterval: 50 * time.Millisecond,
	}, h)
	publishN(t, rdb, keys, "s", 1)
	require.True(t, <-carried, "the read loop's call")
	select {
	case got := <-carried:
		require.False(t, got, "the claim loop's call")
	case <-time.After(waitTimeout):
		t.Fatal("the entry was not delivered again")
	}
}
