package stream

import (
	"context"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/saga/outbox"
)

func TestPublishConsumeRoundTrip(t *testing.T) {
	rdb, keys := setup(t)
	// Published before the group exists: the group starts at "0".
	sent := []outbox.Message{testMessage("orders", 1), testMessage("orders", 2), testMessage("orders", 3)}
	publish(t, rdb, keys, sent...)

	ch := make(chan Message, 10)
	startConsumer(t, rdb, keys, ConsumerConfig{Stream: "orders", Group: "g"}, chanHandler(ch, ok))

	for _, want := range sent {
		got := receive(t, ch)
		require.Equal(t, "orders", got.Stream)
		require.Equal(t, int64(1), got.Deliveries)
		require.NotEmpty(t, got.ID)
		require.Equal(t, map[string]string{
			FieldMessageID: want.MessageID,
			FieldType:      want.Type,
			FieldSagaID:    want.PartitionKey,
			FieldEnvelope:  string(want.Payload),
		}, got.Fields)
		require.Equal(t, want.Payload, got.Envelope())
	}
	require.Eventually(t, func() bool { return pendingCount(t, rdb, keys, "orders", "g") == 0 },
		waitTimeout, 10*time.Millisecond, "handled entries must be acknowledged")
}

func TestPublishTrimsApproximately(t *testing.T) {
	rdb, keys := setup(t)
	msgs := make([]outbox.Message, 500)
	for i := range msgs {
		msgs[i] = testMessage("s", i)
	}
	p := NewPublisher(rdb, keys, PublisherConfig{MaxLen: 10})
	require.NoError(t, p.Publish(context.Background(), msgs))
	n, err := rdb.XLen(context.Background(), keys.Stream("s")).Result()
	require.NoError(t, err)
	require.Less(t, n, int64(500), "MAXLEN ~ must trim")
	require.GreaterOrEqual(t, n, int64(10), "MAXLEN ~ never trims below N")
}

// A message Redis refuses for good (its stream's key holds a string) goes
// to the outbox's dead-letter stream with the reason, and the rest of the
// batch is published: the batch counts as sent.
func TestPublishDeadLettersARefusedMessage(t *testing.T) {
	rdb, keys := setup(t)
	ctx := context.Background()
	require.NoError(t, rdb.Set(ctx, keys.Stream("broken"), "not a stream", 0).Err())
	bad := testMessage("broken", 2)
	bad.ID = 42
	err := NewPublisher(rdb, keys, PublisherConfig{Logger: testLogger(t)}).Publish(ctx,
		[]outbox.Message{testMessage("fine", 1), bad, testMessage("fine", 3)})
	require.NoError(t, err)

	fine, err := rdb.XRange(ctx, keys.Stream("fine"), "-", "+").Result()
	require.NoError(t, err)
	require.Len(t, fine, 2)
	require.Equal(t, "msg-3", fine[1].Values[FieldMessageID])
	dl := waitDLQ(t, rdb, keys, Outbox)
	require.Equal(t, "broken", dl.Stream, "dlq_stream names the stream it was bound for")
	require.Equal(t, "42", dl.SourceID, "dlq_id is the outbox row id")
	require.Contains(t, dl.Reason, "WRONGTYPE")
	require.WithinDuration(t, time.Now(), dl.At, 10*time.Second)
	require.Equal(t, map[string]string{FieldMessageID: "msg-2", FieldType: bad.Type,
		FieldSagaID: bad.PartitionKey, FieldEnvelope: string(bad.Payload)}, dl.Fields)
}

// A connection failure is not the message's fault: the batch fails and is
// sent again later.
func TestPublishReportsAConnectionFailure(t *testing.T) {
	rdb := redis.NewClient(&redis.Options{Addr: "127.0.0.1:1", MaxRetries: -1, DialTimeout: 200 * time.Millisecond})
	t.Cleanup(func() { _ = rdb.Close() })
	err := NewPublisher(rdb, Keys{}, PublisherConfig{}).Publish(context.Background(),
		[]outbox.Message{testMessage("fine", 1), testMessage("fine", 2)})
	require.Error(t, err)
	require.Contains(t, err.Error(), "msg-1")
	require.False(t, IsPermanent(err))
}

func TestPublishEmptyBatch(t *testing.T) {
	rdb, keys := setup(t)
	require.NoError(t, NewPublisher(rdb, keys, PublisherConfig{}).Publish(context.Background(), nil))
}
