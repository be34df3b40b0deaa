package stream

import (
	"context"
	"testing"
	"time"

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

func TestPublishReportsFailedCommand(t *testing.T) {
	rdb, keys := setup(t)
	require.NoError(t, rdb.Set(context.Background(), keys.Stream("broken"), "not a stream", 0).Err())
	err := NewPublisher(rdb, keys, PublisherConfig{}).Publish(context.Background(),
		[]outbox.Message{testMessage("fine", 1), testMessage("broken", 2)})
	require.Error(t, err)
	require.Contains(t, err.Error(), "msg-2")
	require.Contains(t, err.Error(), "WRONGTYPE")
}

func TestPublishEmptyBatch(t *testing.T) {
	rdb, keys := setup(t)
	require.NoError(t, NewPublisher(rdb, keys, PublisherConfig{}).Publish(context.Background(), nil))
}
