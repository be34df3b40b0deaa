package loadgen

import (
	"sync"
	"time"
)

// maxEarly bounds the outcomes kept for sagas not (yet) known to the
// tracker: an event can beat the answer to its POST.
const maxEarly = 1 << 16

// order is one accepted order waiting for its saga to end.
type order struct {
	sagaID   string
	sentAt   time.Time
	measured bool
	polledAt time.Time
	done     chan struct{}
}

func newOrder(sagaID string, sentAt time.Time, measured bool) *order {
	return &order{sagaID: sagaID, sentAt: sentAt, measured: measured, done: make(chan struct{})}
}

// resolution is how and when a saga ended, from its event or a poll.
type resolution struct {
	sagaID      string
	result      Result
	completedAt time.Time
	viaFallback bool
}

// tracker matches outcomes to orders by saga id. Each order is finished
// once, by whichever of its event and a poll comes first.
type tracker struct {
	onDone func(*order, resolution)

	mu      sync.Mutex
	pending map[string]*order
	early   map[string]resolution
}

func newTracker(onDone func(*order, resolution)) *tracker {
	return &tracker{onDone: onDone, pending: map[string]*order{}, early: map[string]resolution{}}
}

// add starts waiting for o's saga; the channel it returns closes when the
// saga has ended (at once if its outcome came first).
func (t *tracker) add(o *order) <-chan struct{} {
	t.mu.Lock()
	r, seen := t.early[o.sagaID]
	if seen {
		delete(t.early, o.sagaID)
	} else {
		t.pending[o.sagaID] = o
	}
	t.mu.Unlock()
	if seen {
		t.finish(o, r)
	}
	return o.done
}

// resolve finishes the order of r's saga. An event for a saga not yet
// added is kept until it is.
func (t *tracker) resolve(r resolution) {
	t.mu.Lock()
	o, ok := t.pending[r.sagaID]
	if ok {
		delete(t.pending, r.sagaID)
	} else if !r.viaFallback && len(t.early) < maxEarly {
		t.early[r.sagaID] = r
	}
	t.mu.Unlock()
	if ok {
		t.finish(o, r)
	}
}

func (t *tracker) finish(o *order, r resolution) {
	t.onDone(o, r)
	close(o.done)
}

// inFlight counts the orders waiting for their saga.
func (t *tracker) inFlight() int {
	t.mu.Lock()
	defer t.mu.Unlock()
	return len(t.pending)
}

// overdue returns up to limit sagas sent more than age before now and not
// polled in the last age, and marks them polled now.
func (t *tracker) overdue(now time.Time, age time.Duration, limit int) []string {
	t.mu.Lock()
	defer t.mu.Unlock()
	var ids []string
	for id, o := range t.pending {
		if len(ids) == limit {
			break
		}
		if now.Sub(o.sentAt) > age && now.Sub(o.polledAt) > age {
			o.polledAt = now
			ids = append(ids, id)
		}
	}
	return ids
}
