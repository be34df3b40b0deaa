package runner

import (
	"container/heap"
	"sync"
	"time"
)

// maxHints bounds the deadlines a runner remembers: sagas in flight with a
// deadline it wrote. Past it, every timer pass looks (see hints.blind).
const maxHints = 1 << 16

// hints remembers the deadlines the runner wrote, so that its periodic
// timer pass asks the database only when one of them is due, or when the
// last look began a full-look interval ago (for the deadlines of other
// processes, and of orchestrators that died).
//
// A saga has at most one hint: the latest deadline this process committed
// for it. Hints are taken once the writing transaction has committed
// (afterCommit), so a look that begins after a hint sees its row. A look
// settles the hints taken before it began and due when it began: it took
// their sagas, or another transaction held them, which saves them (and
// hints again if it is this process's) or rolls back for a full look to
// find. Every other hint is kept: one taken while a look runs may name a
// row that look did not see.
type hints struct {
	mu    sync.Mutex
	notes map[string]hint
	queue hintQueue
	// looks counts the looks begun; a hint carries the count of its time.
	looks    uint64
	lastLook time.Time
	// blind is the latest deadline left unremembered because notes were
	// full, blindAt the looks begun then: until a look settles it, every
	// pass looks, as if each pass were a full look.
	blind   time.Time
	blindAt uint64
	limit   int
}

// hint is one saga's deadline: the saga's version when it was written,
// and the looks begun when it was taken.
type hint struct {
	at      time.Time
	version int64
	looks   uint64
}

func newHints(limit int) *hints { return &hints{notes: map[string]hint{}, limit: limit} }

// note remembers that the saga id, at version, was committed with the
// deadline at; nil forgets its deadline. A hint of an older version than
// the one remembered changes nothing.
func (h *hints) note(id string, at *time.Time, version int64) {
	h.mu.Lock()
	defer h.mu.Unlock()
	old, ok := h.notes[id]
	if ok && old.version > version {
		return
	}
	if at == nil {
		delete(h.notes, id)
		return
	}
	if !ok && len(h.notes) >= h.limit {
		if at.After(h.blind) {
			h.blind = *at
		}
		h.blindAt = h.looks
		return
	}
	n := hint{at: *at, version: version, looks: h.looks}
	h.notes[id] = n
	heap.Push(&h.queue, queued{id: id, hint: n})
	if len(h.queue) > 2*len(h.notes)+64 {
		h.compact()
	}
}

// due tells whether a pass at now should look: a hint is due, hints were
// left out, or the last look began every ago or more (or in the future:
// the clock went back).
func (h *hints) due(now time.Time, every time.Duration) bool {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.lastLook.IsZero() || now.Sub(h.lastLook) >= every || now.Before(h.lastLook) || !h.blind.IsZero() {
		return true
	}
	h.dropStale()
	return len(h.queue) > 0 && !h.queue[0].at.After(now)
}

// begin records that a look begins at now and returns its number for
// settle.
func (h *hints) begin(now time.Time) uint64 {
	h.mu.Lock()
	defer h.mu.Unlock()
	look := h.looks
	h.looks++
	h.lastLook = now
	return look
}

// settle forgets, once look (begun at now) took every saga due, the hints
// taken before it began that were due at now.
func (h *hints) settle(look uint64, now time.Time) {
	h.mu.Lock()
	defer h.mu.Unlock()
	var keep []queued
	for len(h.queue) > 0 && !h.queue[0].at.After(now) {
		q := heap.Pop(&h.queue).(queued)
		switch {
		case h.notes[q.id] != q.hint:
		case q.looks <= look:
			delete(h.notes, q.id)
		default:
			keep = append(keep, q)
		}
	}
	for _, q := range keep {
		heap.Push(&h.queue, q)
	}
	if !h.blind.IsZero() && h.blindAt <= look && !h.blind.After(now) {
		h.blind = time.Time{}
	}
}

// dropStale pops the queued hints that a later one replaced.
func (h *hints) dropStale() {
	for len(h.queue) > 0 && h.notes[h.queue[0].id] != h.queue[0].hint {
		heap.Pop(&h.queue)
	}
}

// compact rebuilds the queue from the hints, without the replaced ones.
func (h *hints) compact() {
	h.queue = h.queue[:0]
	for id, n := range h.notes {
		h.queue = append(h.queue, queued{id: id, hint: n})
	}
	heap.Init(&h.queue)
}
