package transporttest

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/saga/transport"
)

func testStopWhileReading(t *testing.T, tr Transport) {
	r := newRecorder(ack)
	sub := subscribe(t, tr, transport.SubscriptionConfig{}, r.handle)
	publish(t, tr, message(testStream, "s1", "m1"))
	r.waitCount(t, "m1", 1) // reading runs, and waits for more
	stop(t, sub)
}

// testUnsettledRedelivered stops a subscription whose handler never
// returns: Stop gives up at its deadline, and the message is delivered to
// the next subscription of the group.
func testUnsettledRedelivered(t *testing.T, tr Transport) {
	entered, release := make(chan struct{}), make(chan struct{})
	var once sync.Once
	stuck := newRecorder(func(transport.Message) error {
		once.Do(func() { close(entered) })
		<-release
		return errBoom
	})
	first, err := tr.Subscribe(transport.SubscriptionConfig{Stream: testStream, Group: testGroup}, stuck.handle)
	require.NoError(t, err)
	require.NoError(t, first.Start(context.Background()))
	t.Cleanup(func() { close(release); stop(t, first) })
	publish(t, tr, message(testStream, "s1", "m1"))
	waitClosed(t, entered, "the handler to start")

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	require.ErrorIs(t, first.Stop(ctx), context.Canceled)

	next := newRecorder(ack)
	subscribe(t, tr, transport.SubscriptionConfig{}, next.handle)
	got := deliveriesOf(next.waitCount(t, "m1", 1), "m1")
	require.GreaterOrEqual(t, got[0].Deliveries, int64(2))
}

func testLifecycleMisuse(t *testing.T, tr Transport) {
	ctx := t.Context()
	_, err := tr.Subscribe(transport.SubscriptionConfig{Group: testGroup}, newRecorder(ack).handle)
	require.Error(t, err, "no stream")
	_, err = tr.Subscribe(transport.SubscriptionConfig{Stream: testStream}, newRecorder(ack).handle)
	require.Error(t, err, "no group")
	_, err = tr.Subscribe(transport.SubscriptionConfig{Stream: testStream, Group: testGroup}, nil)
	require.Error(t, err, "no handler")

	sub, err := tr.Subscribe(transport.SubscriptionConfig{Stream: testStream, Group: testGroup}, newRecorder(ack).handle)
	require.NoError(t, err)
	require.NoError(t, sub.Stop(ctx), "Stop before Start")
	require.NoError(t, sub.Start(ctx))
	require.Error(t, sub.Start(ctx), "a second Start")
	require.NoError(t, sub.Stop(ctx))
	require.NoError(t, sub.Stop(ctx), "a second Stop")
}

func waitClosed(t *testing.T, ch <-chan struct{}, what string) {
	t.Helper()
	select {
	case <-ch:
	case <-t.Context().Done():
		t.Fatalf("test ended waiting for %s", what)
	case <-time.After(WaitTimeout):
		t.Fatalf("timed out waiting for %s", what)
	}
}
