package stream

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// With Linger, a read that brought a few entries is followed by the next
// one Linger after it started: what arrives meanwhile comes in one batch,
// in stream order, and is acknowledged like any batch.
func TestLingerGathersWhatArrivesBetweenReads(t *testing.T) {
	rdb, keys := setup(t)
	ch := make(chan []Message, 16)
	startBatchConsumer(t, rdb, keys, ConsumerConfig{Stream: "s", Group: "g", Linger: MaxLinger}, recordingBatch(ch, ok))

	publish(t, rdb, keys, testMessage("s", 0))
	require.Equal(t, []string{"msg-0"}, messageIDs(receiveBatch(t, ch)))
	publish(t, rdb, keys, testMessage("s", 1))
	require.Equal(t, []string{"msg-1"}, messageIDs(receiveBatch(t, ch)))
	for n := 2; n < 5; n++ {
		publish(t, rdb, keys, testMessage("s", n))
	}
	require.Equal(t, []string{"msg-2", "msg-3", "msg-4"}, messageIDs(receiveBatch(t, ch)),
		"what arrived while the consumer waited for its next read comes in one batch")
	require.Eventually(t, func() bool { return pendingCount(t, rdb, keys, "s", "g") == 0 }, waitTimeout, 10*time.Millisecond,
		"the batches are acknowledged")
}

// After a full read, or an empty one, the next read starts at once,
// whatever Linger is; after a partial one it waits for the rest of Linger,
// or until the consumer stops.
func TestPacerWaitsOnlyAfterAPartialRead(t *testing.T) {
	ctx := context.Background()
	sent := 0
	send := func(context.Context) { sent++ }
	var p pacer
	p.wait(ctx, time.Hour, send) // the first read
	p.read(64, 64)
	p.wait(ctx, time.Hour, send) // returns at once after a full read
	p.read(0, 64)
	p.wait(ctx, time.Hour, send) // and after an empty one
	p.read(3, 64)
	p.wait(ctx, 0, send) // no Linger: at once
	require.Zero(t, sent, "nothing is sent ahead of a read that goes at once")

	p.read(3, 64)
	stopped, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() {
		defer close(done)
		p.wait(stopped, time.Hour, send)
	}()
	select {
	case <-done:
		t.Fatal("the read after a partial one went at once, before Linger")
	case <-time.After(50 * time.Millisecond):
	}
	cancel()
	select {
	case <-done:
	case <-time.After(waitTimeout):
		t.Fatal("a stop did not end the wait")
	}
	require.Equal(t, 1, sent, "what waits for the read is sent before the wait")
}

// With Linger, the acknowledgements a batch left do not go out alone
// before the wait: they travel with the next read, and the entries stay
// pending until then.
func TestLingerLeavesAcknowledgementsForTheNextRead(t *testing.T) {
	pending := lingerThroughTwoReads(t, ConsumerConfig{Stream: "s", Group: "g", Linger: MaxLinger})
	time.Sleep(100 * time.Millisecond)
	require.EqualValues(t, 1, pending(), "msg-1's acknowledgement waits for the read that ends the wait")
	require.Eventually(t, func() bool { return pending() == 0 }, waitTimeout, 10*time.Millisecond, "and goes out with it")
}

// When Linger is as much as half of MinIdle, the acknowledgements go out
// before the wait, so that the claim loop does not take over entries
// already handled.
func TestLingerNearMinIdleAcknowledgesBeforeTheWait(t *testing.T) {
	pending := lingerThroughTwoReads(t, ConsumerConfig{Stream: "s", Group: "g", Linger: MaxLinger,
		MinIdle: 2 * MaxLinger, ClaimInterval: 50 * time.Millisecond})
	require.Eventually(t, func() bool { return pending() == 0 }, 500*time.Millisecond, 10*time.Millisecond,
		"acknowledged before the wait")
}

// lingerThroughTwoReads starts a batch consumer of cfg and has it read
// msg-0, then msg-1 in a read that started just before: the consumer
// then waits for the rest of Linger before its next read. It returns the
// count of the group's pending entries.
func lingerThroughTwoReads(t *testing.T, cfg ConsumerConfig) (pending func() int64) {
	rdb, keys := setup(t)
	ch := make(chan []Message, 16)
	startBatchConsumer(t, rdb, keys, cfg, recordingBatch(ch, ok))
	for n := range 2 {
		publish(t, rdb, keys, testMessage("s", n))
		require.Equal(t, []string{fmt.Sprintf("msg-%d", n)}, messageIDs(receiveBatch(t, ch)))
	}
	return func() int64 { return pendingCount(t, rdb, keys, "s", "g") }
}
