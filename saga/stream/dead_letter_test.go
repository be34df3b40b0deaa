package stream

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/saga"
)

func TestDeadLetterAfterMaxDeliveries(t *testing.T) {
	rdb, keys := setup(t)
	msg := testMessage("s", 1)
	publish(t, rdb, keys, msg)
	var calls atomic.Int64
	startConsumer(t, rdb, keys, ConsumerConfig{
		Stream: "s", Group: "g", MaxDeliveries: 3,
		MinIdle: 30 * time.Millisecond, ClaimInterval: 30 * time.Millisecond,
	}, func(_ context.Context, m Message) error {
		return fmt.Errorf("boom %d", calls.Add(1))
	})

	dl := waitDLQ(t, rdb, keys, "s")
	require.Equal(t, int64(3), calls.Load(), "handed to the handler MaxDeliveries times")
	require.Equal(t, "delivered 3 times; last error: boom 3", dl.Reason)
	require.Equal(t, int64(3), dl.Deliveries)
	require.Equal(t, "s", dl.Stream)
	require.Equal(t, "g", dl.Group)
	require.NotEmpty(t, dl.SourceID)
	require.WithinDuration(t, time.Now(), dl.At, 10*time.Second)
	require.Equal(t, msg.MessageID, dl.Fields[FieldMessageID])
	require.Equal(t, string(msg.Payload), dl.Fields[FieldEnvelope])
	require.Equal(t, int64(0), pendingCount(t, rdb, keys, "s", "g"))
}

func TestPermanentErrorDeadLettersAtOnce(t *testing.T) {
	rdb, keys := setup(t)
	publish(t, rdb, keys, testMessage("s", 1))
	var calls atomic.Int64
	startConsumer(t, rdb, keys, ConsumerConfig{Stream: "s", Group: "g", MinIdle: time.Hour},
		func(context.Context, Message) error {
			calls.Add(1)
			return saga.Permanent(errors.New("unknown message type"))
		})

	dl := waitDLQ(t, rdb, keys, "s")
	require.Equal(t, int64(1), calls.Load())
	require.Equal(t, int64(1), dl.Deliveries)
	require.Contains(t, dl.Reason, "unknown message type")
	require.Equal(t, int64(0), pendingCount(t, rdb, keys, "s", "g"))
}

func TestHandlerPanicEndsInDeadLetter(t *testing.T) {
	rdb, keys := setup(t)
	publish(t, rdb, keys, testMessage("s", 1))
	startConsumer(t, rdb, keys, ConsumerConfig{
		Stream: "s", Group: "g", MaxDeliveries: 1,
		MinIdle: 30 * time.Millisecond, ClaimInterval: 30 * time.Millisecond,
	}, func(context.Context, Message) error { panic("nil map") })

	dl := waitDLQ(t, rdb, keys, "s")
	require.Equal(t, "delivered 1 times; last error: handler panicked: nil map", dl.Reason)
	require.Equal(t, int64(0), pendingCount(t, rdb, keys, "s", "g"))
}

// An entry with garbage fields ends in the dead-letter stream; once the
// cause is fixed, ReplayDLQ puts it back and it is consumed.
func TestPoisonEntryReplay(t *testing.T) {
	rdb, keys := setup(t)
	ctx := context.Background()
	srcID, err := rdb.XAdd(ctx, rawEntry(keys.Stream("s"), "junk", "\xff\x00", FieldEnvelope, "{not json")).Result()
	require.NoError(t, err)

	var fixed atomic.Bool
	done := make(chan Message, 10)
	startConsumer(t, rdb, keys, ConsumerConfig{Stream: "s", Group: "g"},
		func(_ context.Context, m Message) error {
			var v map[string]any
			if err := json.Unmarshal(m.Envelope(), &v); err != nil && !fixed.Load() {
				return saga.Permanent(fmt.Errorf("decoding envelope: %w", err))
			}
			done <- m
			return nil
		})

	dl := waitDLQ(t, rdb, keys, "s")
	require.Equal(t, srcID, dl.SourceID)
	require.Equal(t, map[string]string{"junk": "\xff\x00", FieldEnvelope: "{not json"}, dl.Fields)

	fixed.Store(true)
	newID, err := ReplayDLQ(ctx, rdb, keys, "s", dl.ID)
	require.NoError(t, err)
	got := receive(t, done)
	require.Equal(t, newID, got.ID)
	require.NotEqual(t, srcID, got.ID)
	require.Equal(t, dl.Fields, got.Fields, "replay restores the original fields only")
	n, err := rdb.XLen(ctx, keys.DLQ("s")).Result()
	require.NoError(t, err)
	require.Zero(t, n, "a replayed dead letter leaves the dead-letter stream")

	_, err = ReplayDLQ(ctx, rdb, keys, "s", dl.ID)
	require.ErrorIs(t, err, saga.ErrNotFound, "replaying twice")
	_, err = ReplayDLQ(ctx, rdb, keys, "s", "not-an-id")
	require.ErrorIs(t, err, saga.ErrNotFound)
}

func TestListDLQNewestFirst(t *testing.T) {
	rdb, keys := setup(t)
	ctx := context.Background()
	for i := range 3 {
		require.NoError(t, rdb.XAdd(ctx, rawEntry(keys.DLQ("s"), FieldMessageID, fmt.Sprint(i),
			FieldDLQReason, "r", FieldDLQDeliveries, "2")).Err())
	}
	dls, err := ListDLQ(ctx, rdb, keys, "s", 2)
	require.NoError(t, err)
	require.Len(t, dls, 2)
	require.Equal(t, "2", dls[0].Fields[FieldMessageID])
	require.Equal(t, "1", dls[1].Fields[FieldMessageID])
	require.Equal(t, int64(2), dls[0].Deliveries)
	require.NotContains(t, dls[0].Fields, FieldDLQReason)

	empty, err := ListDLQ(ctx, rdb, keys, "other", 0)
	require.NoError(t, err)
	require.Empty(t, empty)
}
