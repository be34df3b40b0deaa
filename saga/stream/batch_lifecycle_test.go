package stream

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/saga"
	"github.com/streamsaga/streamsaga/saga/testenv"
)

func TestNewBatchConsumerRejectsNils(t *testing.T) {
	cfg := ConsumerConfig{Stream: "s", Group: "g"}
	bh := func(context.Context, []Message) []error { return nil }
	_, err := NewBatchConsumer(nil, Keys{}, cfg, bh)
	require.ErrorContains(t, err, "nil Redis client")
	rdb := redis.NewClient(&redis.Options{Addr: "127.0.0.1:0"}) // never dialled
	defer rdb.Close()
	_, err = NewBatchConsumer(rdb, Keys{}, cfg, nil)
	require.ErrorContains(t, err, "nil batch handler")
	_, err = NewBatchConsumer(rdb, Keys{}, ConsumerConfig{Group: "g"}, bh)
	require.Error(t, err, "the config is validated")
}

// Stop lets the batch in flight finish with a live context, then
// acknowledges it.
func TestBatchStopLetsHandlerFinish(t *testing.T) {
	rdb, keys := setup(t)
	publishN(t, rdb, keys, "s", 3)
	entered, release := make(chan struct{}), make(chan struct{})
	ctxErr := make(chan error, 1)
	c := startBatchConsumer(t, rdb, keys, ConsumerConfig{Stream: "s", Group: "g", Block: 100 * time.Millisecond},
		func(ctx context.Context, msgs []Message) []error {
			close(entered)
			<-release
			ctxErr <- ctx.Err()
			return make([]error, len(msgs))
		})
	<-entered
	stopped := make(chan error, 1)
	go func() { stopped <- c.Stop(context.Background()) }()
	select {
	case <-stopped:
		t.Fatal("Stop returned while the handler was still running")
	case <-time.After(200 * time.Millisecond):
	}
	close(release)
	require.NoError(t, <-stopped)
	require.NoError(t, <-ctxErr, "the handler's context must survive Stop")
	require.Equal(t, int64(0), pendingCount(t, rdb, keys, "s", "g"))
}

// Stop honours its context's deadline when a batch handler does not return.
func TestBatchStopHonoursDeadline(t *testing.T) {
	rdb, keys := setup(t)
	publishN(t, rdb, keys, "s", 1)
	entered, release := make(chan struct{}), make(chan struct{})
	c := startBatchConsumer(t, rdb, keys, ConsumerConfig{Stream: "s", Group: "g", Block: 100 * time.Millisecond},
		func(_ context.Context, msgs []Message) []error {
			close(entered)
			<-release
			return make([]error, len(msgs))
		})
	<-entered
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	require.ErrorIs(t, c.Stop(ctx), context.DeadlineExceeded)
	close(release) // the cleanup's Stop now returns
}

// Stop while entries are held for an unavailable back end returns at once
// and leaves them pending, their delivery counts untouched.
func TestBatchStopWhileHeld(t *testing.T) {
	rdb, keys := setup(t)
	if testenv.IsEmbedded(rdb) {
		t.Skip("skipping: the embedded Redis counts XCLAIM JUSTID as a delivery, real Redis does not; set STREAMSAGA_TEST_REDIS_URL to run this test")
	}
	publishN(t, rdb, keys, "s", 3)
	ch := make(chan []Message, 100)
	c := startBatchConsumer(t, rdb, keys, ConsumerConfig{Stream: "s", Group: "g", Block: 100 * time.Millisecond},
		recordingBatch(ch, func(Message) error { return saga.Unavailable(errors.New("database is down")) }))
	require.Len(t, receiveBatch(t, ch), 3)
	receiveBatch(t, ch) // the first retry of the held entries

	start := time.Now()
	require.NoError(t, c.Stop(context.Background()))
	require.Less(t, time.Since(start), time.Second)
	ext, err := rdb.XPendingExt(context.Background(), &redis.XPendingExtArgs{
		Stream: keys.Stream("s"), Group: keys.Group("g"), Start: "-", End: "+", Count: 10,
	}).Result()
	require.NoError(t, err)
	require.Len(t, ext, 3)
	for _, p := range ext {
		require.Equal(t, int64(1), p.RetryCount, "held retries are not deliveries")
	}
}

// A batch handler that panics or answers with the wrong number of outcomes
// leaves the whole batch pending; here it ends in the dead-letter stream
// with that as the last error.
func TestBatchHandlerMisbehaving(t *testing.T) {
	for name, tc := range map[string]struct {
		bh     BatchHandler
		reason string
	}{
		"panic": {
			bh:     func(context.Context, []Message) []error { panic("nil map") },
			reason: "delivered 1 times; last error: handler panicked: nil map",
		},
		"too few outcomes": {
			bh:     func(context.Context, []Message) []error { return []error{nil} },
			reason: "delivered 1 times; last error: batch handler returned 1 outcomes for 2 entries",
		},
	} {
		t.Run(name, func(t *testing.T) {
			rdb, keys := setup(t)
			publishN(t, rdb, keys, "s", 2)
			startBatchConsumer(t, rdb, keys, ConsumerConfig{Stream: "s", Group: "g", MaxDeliveries: 1,
				MinIdle: 30 * time.Millisecond, ClaimInterval: 30 * time.Millisecond}, tc.bh)
			require.Eventually(t, func() bool {
				dls, err := ListDLQ(context.Background(), rdb, keys, "s", 10)
				return err == nil && len(dls) == 2
			}, waitTimeout, 10*time.Millisecond)
			dls, err := ListDLQ(context.Background(), rdb, keys, "s", 10)
			require.NoError(t, err)
			for _, dl := range dls {
				require.Equal(t, tc.reason, dl.Reason)
			}
			require.Equal(t, int64(0), pendingCount(t, rdb, keys, "s", "g"))
		})
	}
}
