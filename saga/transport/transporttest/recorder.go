package transporttest

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/streamsaga/streamsaga/saga/transport"
)

// barrierPrefix starts the message id of barrier messages: every recorder
// fails their first delivery.
const barrierPrefix = "barrier-"

// errBarrier is a barrier message's first answer.
var errBarrier = errors.New("barrier: fail the first delivery")

// recorder is a handler that records every delivery, answers it with
// answer and wakes waiters.
type recorder struct {
	answer func(transport.Message) error

	mu      sync.Mutex
	got     []transport.Message
	changed chan struct{}
}

func newRecorder(answer func(transport.Message) error) *recorder {
	return &recorder{answer: answer, changed: make(chan struct{})}
}

func ack(transport.Message) error { return nil }

// handle is the recorder's transport.BatchHandler.
func (r *recorder) handle(_ context.Context, msgs []transport.Message) []error {
	errs := make([]error, len(msgs))
	for i, m := range msgs {
		r.record(m)
		if strings.HasPrefix(m.MessageID(), barrierPrefix) && m.Deliveries == 1 {
			errs[i] = errBarrier
			continue
		}
		errs[i] = r.answer(m)
	}
	return errs
}

func (r *recorder) record(m transport.Message) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.got = append(r.got, m)
	close(r.changed)
	r.changed = make(chan struct{})
}

// snapshot returns the deliveries so far and a channel closed at the next.
func (r *recorder) snapshot() ([]transport.Message, <-chan struct{}) {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]transport.Message(nil), r.got...), r.changed
}

// waitFor waits until cond holds for the deliveries and returns them.
func (r *recorder) waitFor(t *testing.T, what string, cond func([]transport.Message) bool) []transport.Message {
	t.Helper()
	deadline := time.NewTimer(WaitTimeout)
	defer deadline.Stop()
	for {
		got, changed := r.snapshot()
		if cond(got) {
			return got
		}
		select {
		case <-changed:
		case <-deadline.C:
			t.Fatalf("timed out waiting for %s; deliveries so far: %v", what, ids(got))
		}
	}
}

// waitCount waits until messageID was delivered at least n times.
func (r *recorder) waitCount(t *testing.T, messageID string, n int) []transport.Message {
	t.Helper()
	return r.waitFor(t, messageID, func(got []transport.Message) bool {
		return count(got, messageID) >= n
	})
}

func count(got []transport.Message, messageID string) int {
	return len(deliveriesOf(got, messageID))
}

// deliveriesOf returns the deliveries of messageID in order.
func deliveriesOf(got []transport.Message, messageID string) []transport.Message {
	var out []transport.Message
	for _, m := range got {
		if m.MessageID() == messageID {
			out = append(out, m)
		}
	}
	return out
}

func ids(got []transport.Message) []string {
	out := make([]string, len(got))
	for i, m := range got {
		out[i] = m.MessageID()
	}
	return out
}
