package storetest

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/streamsaga/streamsaga/saga/outbox"
)

// Recorder is an outbox.Publisher that keeps every batch it accepts, in
// the order accepted, and can be told to fail.
type Recorder struct {
	mu      sync.Mutex
	msgs    []outbox.Message
	calls   int
	hook    func(call int, msgs []outbox.Message) error
	changed chan struct{} // closed and replaced when msgs grows
}

var _ outbox.Publisher = (*Recorder)(nil)

// NewRecorder returns an empty Recorder that accepts everything.
func NewRecorder() *Recorder {
	return &Recorder{changed: make(chan struct{})}
}

// SetHook makes Publish call hook first with the call's number (from 1)
// and batch; when it returns an error the batch fails and is not recorded.
// A nil hook accepts everything.
func (r *Recorder) SetHook(hook func(call int, msgs []outbox.Message) error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.hook = hook
}

// Publish records msgs unless ctx is done or the hook fails.
func (r *Recorder) Publish(ctx context.Context, msgs []outbox.Message) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	r.mu.Lock()
	r.calls++
	call, hook := r.calls, r.hook
	r.mu.Unlock()
	if hook != nil {
		if err := hook(call, msgs); err != nil {
			return err
		}
	}
	r.record(msgs)
	return nil
}

func (r *Recorder) record(msgs []outbox.Message) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.msgs = append(r.msgs, msgs...)
	close(r.changed)
	r.changed = make(chan struct{})
}

// Messages returns a copy of what was recorded.
func (r *Recorder) Messages() []outbox.Message {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]outbox.Message(nil), r.msgs...)
}

// Calls counts Publish calls, failed ones included.
func (r *Recorder) Calls() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.calls
}

// WaitFor waits until at least n messages were recorded and returns them;
// it fails t when timeout passes first.
func (r *Recorder) WaitFor(t testing.TB, n int, timeout time.Duration) []outbox.Message {
	t.Helper()
	deadline := time.NewTimer(timeout)
	defer deadline.Stop()
	for {
		r.mu.Lock()
		got, changed := len(r.msgs), r.changed
		r.mu.Unlock()
		if got >= n {
			return r.Messages()
		}
		select {
		case <-changed:
		case <-deadline.C:
			t.Fatalf("recorded %d of %d messages in %s", got, n, timeout)
			return nil
		}
	}
}
