package stream

import (
	"context"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
	"github.com/sirupsen/logrus"
	logtest "github.com/sirupsen/logrus/hooks/test"
	"github.com/stretchr/testify/require"
)

// A batch consumer acknowledges what a read brought with its next read,
// in one pipeline.
func TestBatchConsumerAcknowledgesWithTheNextRead(t *testing.T) {
	rdb, keys := setup(t)
	rec := recordCommands(rdb)
	ch := make(chan []Message, 10)
	startBatchConsumer(t, rdb, keys, ConsumerConfig{Stream: "s", Group: "g"}, recordingBatch(ch, ok))
	publishN(t, rdb, keys, "s", 3)
	var got []Message
	for len(got) < 3 {
		got = append(got, receiveBatch(t, ch)...)
	}
	rec.waitAcked(t, 3)
	require.Equal(t, int64(0), pendingCount(t, rdb, keys, "s", "g"))
	require.Contains(t, rec.pipelineNames(), []string{"xack", "xreadgroup"})
	var acked []string
	for _, ids := range rec.xacks() {
		acked = append(acked, ids...)
	}
	require.Equal(t, entryIDs(got), acked)
}

// A per-entry consumer, and a batch consumer whose client would cut a
// blocking read in a pipeline short, acknowledge at once.
func TestAcknowledgementsWaitForAReadOnlyWhenTheyMay(t *testing.T) {
	rdb, keys := setup(t)
	c, err := NewConsumer(rdb, keys, ConsumerConfig{Stream: "s", Group: "g"}, func(context.Context, Message) error { return nil })
	require.NoError(t, err)
	require.False(t, isDeferring(c), "per entry: each acknowledged before the next")
	c, err = NewBatchConsumer(rdb, keys, ConsumerConfig{Stream: "s", Group: "g"}, func(_ context.Context, m []Message) []error { return make([]error, len(m)) })
	require.NoError(t, err)
	require.True(t, isDeferring(c))

	short := redis.NewClient(&redis.Options{Addr: rdb.Options().Addr, ReadTimeout: 1500 * time.Millisecond})
	defer short.Close()
	c, err = NewBatchConsumer(short, keys, ConsumerConfig{Stream: "s", Group: "g", Block: time.Second}, func(_ context.Context, m []Message) []error { return make([]error, len(m)) })
	require.NoError(t, err)
	require.False(t, isDeferring(c), "a 1s read in a pipeline cut at 1.5s")
	require.True(t, pipelineWaits(short, 500*time.Millisecond))
}

func isDeferring(c *Consumer) bool {
	deferring := true
	for _, r := range c.readers {
		r.readAck(context.Background(), []Message{{ID: "1-1"}})
		deferring = deferring && len(r.takeAcks()) == 1
	}
	return deferring
}

// Acknowledgements that wait for the next read survive a read a stop
// cancels: they stay queued, and the flush at the read loop's end sends
// them, so a handled entry never comes back after a restart. The stop is
// no failure: nothing is logged above debug.
func TestAcknowledgementsSurviveACancelledRead(t *testing.T) {
	rdb, keys := setup(t)
	ctx := t.Context()
	logger, logged := logtest.NewNullLogger()
	c, err := NewBatchConsumer(rdb, keys, ConsumerConfig{Stream: "s", Group: "g", Logger: logrus.NewEntry(logger)},
		func(_ context.Context, m []Message) []error { return make([]error, len(m)) })
	require.NoError(t, err)
	r := c.readers[0]
	require.NoError(t, EnsureGroup(ctx, rdb, r.streamKey, r.group))
	publishN(t, rdb, keys, "s", 1)
	streams, err := rdb.XReadGroup(ctx, &redis.XReadGroupArgs{Group: r.group, Consumer: "x", Streams: []string{r.streamKey, ">"}}).Result()
	require.NoError(t, err)
	handled := []Message{{ID: streams[0].Messages[0].ID}}
	r.readAck(ctx, handled)

	stopped, cancel := context.WithCancel(ctx)
	cancel()
	_, err = r.read(stopped, &redis.XReadGroupArgs{Group: r.group, Consumer: "x", Streams: []string{r.streamKey, ">"}, Block: time.Second})
	require.Error(t, err)
	require.Equal(t, int64(1), pendingCount(t, rdb, keys, "s", "g"), "the cancelled read acknowledged nothing")
	r.flushAcks(context.WithoutCancel(stopped))
	require.Equal(t, int64(0), pendingCount(t, rdb, keys, "s", "g"), "the flush acknowledged what the read could not")
	for _, e := range logged.AllEntries() {
		require.Greater(t, e.Level, logrus.InfoLevel, "logged at %s: %s", e.Level, e.Message)
	}
}
