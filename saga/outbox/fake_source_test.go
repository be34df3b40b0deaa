package outbox_test

import (
	"context"
	"sync"
	"time"

	"github.com/streamsaga/streamsaga/saga/outbox"
)

// fakeSource is an in-memory outbox.Source for the relay's loop.
type fakeSource struct {
	mu       sync.Mutex
	pending  []outbox.Message
	relayErr error
	passes   int
	hold     chan struct{} // when set, Relay blocks on it, ignoring ctx
	entered  chan struct{} // gets a value when a pass starts
	waiting  chan struct{} // gets a value when a wait starts
	wake     chan struct{}
}

func newFakeSource() *fakeSource {
	return &fakeSource{
		entered: make(chan struct{}, 1000),
		waiting: make(chan struct{}, 1000),
		wake:    make(chan struct{}, 1),
	}
}

// add queues msgs and wakes a Wait, as a commit's notification would.
func (f *fakeSource) add(msgs ...outbox.Message) {
	f.mu.Lock()
	f.pending = append(f.pending, msgs...)
	f.mu.Unlock()
	signal(f.wake)
}

func (f *fakeSource) setErr(err error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.relayErr = err
}

func (f *fakeSource) Relay(ctx context.Context, limit int, publish outbox.PublishFunc) (int, error) {
	signal(f.entered)
	f.mu.Lock()
	f.passes++
	err, hold, batch := f.relayErr, f.hold, f.pending[:min(limit, len(f.pending))]
	f.mu.Unlock()
	if hold != nil {
		<-hold
	}
	if err != nil || len(batch) == 0 {
		return 0, err
	}
	if err := publish(ctx, batch); err != nil {
		return 0, err
	}
	f.mu.Lock()
	f.pending = f.pending[len(batch):]
	f.mu.Unlock()
	return len(batch), nil
}

func (f *fakeSource) Wait(ctx context.Context, timeout time.Duration) error {
	signal(f.waiting)
	t := time.NewTimer(timeout)
	defer t.Stop()
	select {
	case <-f.wake:
	case <-t.C:
	case <-ctx.Done():
		return ctx.Err()
	}
	return nil
}

func (f *fakeSource) Backlog(context.Context) (int64, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return int64(len(f.pending)), nil
}

// OldestAge is zero: the fake keeps no write times.
func (f *fakeSource) OldestAge(context.Context) (time.Duration, error) { return 0, nil }

func (f *fakeSource) Close() error { return nil }

func (f *fakeSource) passCount() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.passes
}

// signal sends on ch without blocking.
func signal(ch chan<- struct{}) {
	select {
	case ch <- struct{}{}:
	default:
	}
}
