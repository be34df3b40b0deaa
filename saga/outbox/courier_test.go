package outbox_test

import (
	"context"
	"errors"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/sirupsen/logrus"
	logtest "github.com/sirupsen/logrus/hooks/test"
	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/saga/outbox"
	"github.com/streamsaga/streamsaga/saga/storetest"
)

// fakeRemover records the ids it is asked to delete; it fails while err
// is set.
type fakeRemover struct {
	mu      sync.Mutex
	ids     []int64
	calls   int
	err     error
	removed chan struct{}
}

func newFakeRemover() *fakeRemover { return &fakeRemover{removed: make(chan struct{}, 1000)} }

func (f *fakeRemover) Remove(_ context.Context, ids []int64) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls++
	if f.err != nil {
		return f.err
	}
	f.ids = append(f.ids, ids...)
	f.removed <- struct{}{}
	return nil
}

func (f *fakeRemover) setErr(err error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.err = err
}

func (f *fakeRemover) removedIDs() []int64 {
	f.mu.Lock()
	defer f.mu.Unlock()
	return slices.Sorted(slices.Values(f.ids))
}

// waitRemoved waits until n ids were deleted.
func (f *fakeRemover) waitRemoved(t *testing.T, n int) {
	t.Helper()
	deadline := time.After(5 * time.Second)
	for len(f.removedIDs()) < n {
		select {
		case <-f.removed:
		case <-deadline:
			t.Fatalf("%d of %d ids deleted", len(f.removedIDs()), n)
		}
	}
}

// numbered returns n messages with row ids from first.
func numbered(first, n int) []outbox.Message {
	msgs := messages(n)
	for i := range msgs {
		msgs[i].ID = int64(first + i)
	}
	return msgs
}

func ids(msgs []outbox.Message) []int64 {
	out := make([]int64, len(msgs))
	for i, m := range msgs {
		out[i] = m.ID
	}
	return out
}

func newCourier(t *testing.T, pub outbox.Publisher, rm outbox.Remover, cfg outbox.CourierConfig) *outbox.Courier {
	t.Helper()
	if cfg.Logger == nil {
		cfg.Logger = storetest.QuietLogger()
	}
	c, err := outbox.NewCourier(pub, rm, cfg)
	require.NoError(t, err)
	return c
}

// startCourier starts c, stopped when t ends.
func startCourier(t *testing.T, c *outbox.Courier) {
	t.Helper()
	require.NoError(t, c.Start(t.Context()))
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		require.NoError(t, c.Stop(ctx))
	})
}

func TestNewCourierValidates(t *testing.T) {
	pub, rm := storetest.NewRecorder(), newFakeRemover()
	for _, cfg := range []outbox.CourierConfig{{Lease: -1}, {BatchSize: -1}, {MaxQueue: -1}, {MaxBackoff: -1}} {
		_, err := outbox.NewCourier(pub, rm, cfg)
		require.Error(t, err)
	}
	_, err := outbox.NewCourier(nil, rm, outbox.CourierConfig{})
	require.Error(t, err)
	c, err := outbox.NewCourier(pub, rm, outbox.CourierConfig{})
	require.NoError(t, err)
	require.Equal(t, outbox.DefaultLease, c.Lease())
}

// Messages leave in the order they were dispatched, those dispatched
// before Start included, in batches of at most BatchSize; then their rows
// are deleted.
func TestCourierPublishesInDispatchOrderThenRemoves(t *testing.T) {
	pub, rm := storetest.NewRecorder(), newFakeRemover()
	var sizes []int
	var mu sync.Mutex
	pub.SetHook(func(_ int, msgs []outbox.Message) error {
		mu.Lock()
		defer mu.Unlock()
		sizes = append(sizes, len(msgs))
		return nil
	})
	c := newCourier(t, pub, rm, outbox.CourierConfig{BatchSize: 4})
	want := numbered(1, 10)
	c.Dispatch(want[:3])
	startCourier(t, c)
	c.Dispatch(want[3:7])
	c.Dispatch(nil)
	c.Dispatch(want[7:])

	storetest.RequireSame(t, want, pub.WaitFor(t, len(want), 5*time.Second))
	rm.waitRemoved(t, len(want))
	require.Equal(t, ids(want), rm.removedIDs())
	require.Equal(t, outbox.CourierStats{Published: 10}, c.Stats())
	mu.Lock()
	defer mu.Unlock()
	for _, n := range sizes {
		require.LessOrEqual(t, n, 4)
	}
}

// A failing transport is retried with a pause; what is dispatched
// meanwhile waits behind the failed batch, so the order holds, and
// nothing is deleted before it was published.
func TestCourierRetriesInOrder(t *testing.T) {
	pub, rm := storetest.NewRecorder(), newFakeRemover()
	failures := make(chan struct{}, 100)
	pub.SetHook(func(call int, _ []outbox.Message) error {
		if call <= 3 {
			failures <- struct{}{}
			return errors.New("redis: connection refused")
		}
		return nil
	})
	logger, logs := logtest.NewNullLogger()
	c := newCourier(t, pub, rm, outbox.CourierConfig{MaxBackoff: 50 * time.Millisecond, Logger: logrus.NewEntry(logger)})
	startCourier(t, c)
	want := numbered(1, 6)
	c.Dispatch(want[:2])
	receive(t, failures, "a failed publish")
	require.Empty(t, rm.removedIDs())
	c.Dispatch(want[2:])

	storetest.RequireSame(t, want, pub.WaitFor(t, len(want), 5*time.Second))
	rm.waitRemoved(t, len(want))
	require.Len(t, logs.AllEntries(), 3, "one line per failure")
	require.Contains(t, logs.AllEntries()[0].Message, "publishing failed")
}

// A batch that cannot be sent within the lease is left to the relay, and
// so is whatever waited in the queue longer than the lease: the courier
// goes on with newer messages instead of retrying forever.
func TestCourierLeavesExpiredMessagesToTheRelay(t *testing.T) {
	pub, rm := storetest.NewRecorder(), newFakeRemover()
	pub.SetHook(func(int, []outbox.Message) error { return errors.New("redis: connection refused") })
	logger, logs := logtest.NewNullLogger()
	c := newCourier(t, pub, rm, outbox.CourierConfig{Lease: 200 * time.Millisecond, MaxBackoff: 20 * time.Millisecond,
		Logger: logrus.NewEntry(logger)})
	c.Dispatch(numbered(1, 3))
	startCourier(t, c)
	require.Eventually(t, func() bool { return leftToRelay(logs) }, 5*time.Second, 10*time.Millisecond)

	pub.SetHook(nil)
	fresh := numbered(10, 2)
	c.Dispatch(fresh)
	storetest.RequireSame(t, fresh, pub.WaitFor(t, len(fresh), 5*time.Second))
	rm.waitRemoved(t, len(fresh))
	require.Equal(t, ids(fresh), rm.removedIDs(), "rows never published stay for the relay")
	require.Equal(t, outbox.CourierStats{Published: 2, LeftToRelay: 3}, c.Stats())
}

func leftToRelay(logs *logtest.Hook) bool {
	for _, e := range logs.AllEntries() {
		if strings.Contains(e.Message, "left to the relay") {
			return true
		}
	}
	return false
}

// Beyond MaxQueue, dispatched messages are left to the relay.
func TestCourierQueueIsBounded(t *testing.T) {
	pub, rm := storetest.NewRecorder(), newFakeRemover()
	c := newCourier(t, pub, rm, outbox.CourierConfig{MaxQueue: 5})
	c.Dispatch(numbered(1, 4))
	c.Dispatch(numbered(5, 2))
	require.Equal(t, outbox.CourierStats{Queued: 4, LeftToRelay: 2}, c.Stats())
	startCourier(t, c)
	pub.WaitFor(t, 4, 5*time.Second)
	rm.waitRemoved(t, 4)
	require.Equal(t, []int64{1, 2, 3, 4}, rm.removedIDs())
	require.Equal(t, outbox.CourierStats{Published: 4, LeftToRelay: 2}, c.Stats())
}

// Stop publishes what is queued and deletes it before it returns; a
// failed delete is retried.
func TestCourierStopDrains(t *testing.T) {
	pub, rm := storetest.NewRecorder(), newFakeRemover()
	rm.setErr(errors.New("database is down"))
	c := newCourier(t, pub, rm, outbox.CourierConfig{MaxBackoff: 20 * time.Millisecond})
	require.NoError(t, c.Start(t.Context()))
	want := numbered(1, 50)
	c.Dispatch(want)
	time.AfterFunc(100*time.Millisecond, func() { rm.setErr(nil) })
	ctx, cancel := context.WithTimeout(t.Context(), 5*time.Second)
	defer cancel()
	require.NoError(t, c.Stop(ctx))
	storetest.RequireSame(t, want, pub.Messages())
	require.Equal(t, ids(want), rm.removedIDs())
	require.NoError(t, c.Stop(ctx), "a second Stop does nothing")
}

// When Stop's context ends while the transport hangs, Stop returns with an
// error instead of waiting, and the messages stay for the relay.
func TestCourierStopGivesUpWhenItsContextEnds(t *testing.T) {
	pub, rm := storetest.NewRecorder(), newFakeRemover()
	entered := make(chan struct{}, 1)
	pub.SetHook(func(int, []outbox.Message) error {
		entered <- struct{}{}
		return errors.New("redis: i/o timeout")
	})
	c := newCourier(t, pub, rm, outbox.CourierConfig{MaxBackoff: time.Minute})
	require.NoError(t, c.Start(t.Context()))
	c.Dispatch(numbered(1, 3))
	receive(t, entered, "a publish attempt")
	ctx, cancel := context.WithTimeout(t.Context(), 200*time.Millisecond)
	defer cancel()
	start := time.Now()
	require.ErrorIs(t, c.Stop(ctx), context.DeadlineExceeded)
	require.Less(t, time.Since(start), 3*time.Second)
	require.Empty(t, rm.removedIDs())
}

// The ids of messages published within RemoveDelay are deleted in one
// call.
func TestCourierDeletesPublishedRowsTogether(t *testing.T) {
	pub, rm := storetest.NewRecorder(), newFakeRemover()
	c := newCourier(t, pub, rm, outbox.CourierConfig{BatchSize: 2, RemoveDelay: 200 * time.Millisecond})
	startCourier(t, c)
	want := numbered(1, 7)
	c.Dispatch(want)
	pub.WaitFor(t, len(want), 5*time.Second)
	require.GreaterOrEqual(t, pub.Calls(), 4)
	rm.waitRemoved(t, len(want))
	rm.mu.Lock()
	defer rm.mu.Unlock()
	require.Equal(t, 1, rm.calls)
}
