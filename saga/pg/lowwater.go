package pg

import (
	"sync"
	"time"
)

// Low-water mark defaults: a mark is a sample at least DefaultMarkLag old,
// and every DefaultFullPassEvery a claim reads from the start anyway.
const (
	DefaultMarkLag       = 2 * time.Second
	DefaultFullPassEvery = time.Minute
)

// LowWater is where a claim that reads a queue-like index in order can
// start. Such an index (the outbox by id, the sagas by deadline) keeps an
// entry for every row deleted, and for every old version of a row updated,
// until a vacuum removes it; all of them sort before the live entries. With
// autovacuum off or behind, a claim that starts at the lowest entry walks
// every one of them, every time, and grows with the rows handled since the
// last vacuum.
//
// A pass samples the lowest live value from where it started (Seen). That
// sample becomes the mark once it is Lag old, so that a row written with a
// lower value by a transaction still open at the sample (the id of a row is
// taken before its transaction commits) is found when the transaction
// commits within Lag. A row committed later than that is found by the next
// full pass: every FullEvery, and until the first mark, Start asks for one.
type LowWater[T any] struct {
	lag, every time.Duration
	less       func(a, b T) bool

	mu       sync.Mutex
	mark     T
	marked   bool
	sample   T
	sampleAt time.Time
	sampled  bool
	lastFull time.Time
}

// NewLowWater returns a mark ordered by less; a lag or interval of zero
// means its default.
func NewLowWater[T any](lag, fullEvery time.Duration, less func(a, b T) bool) *LowWater[T] {
	return &LowWater[T]{lag: orDefault(lag, DefaultMarkLag), every: orDefault(fullEvery, DefaultFullPassEvery), less: less}
}

// NewIDLowWater is a LowWater of ids with the default lag and interval.
func NewIDLowWater() *LowWater[int64] {
	return NewLowWater(0, 0, func(a, b int64) bool { return a < b })
}

// NewTimeLowWater is a LowWater of times with the default lag and
// interval.
func NewTimeLowWater() *LowWater[time.Time] {
	return NewLowWater(0, 0, time.Time.Before)
}

func orDefault(d, def time.Duration) time.Duration {
	if d == 0 {
		return def
	}
	return d
}

// Start returns where a pass beginning at now reads from: the mark, or,
// with full true, the start (the zero value), when there is no mark yet,
// a full pass is due, or the clock went back behind the last full pass or
// sample. A nil LowWater always asks for a full pass.
func (w *LowWater[T]) Start(now time.Time) (from T, full bool) {
	var zero T
	if w == nil {
		return zero, true
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	if !w.marked || now.Sub(w.lastFull) >= w.every || now.Before(w.lastFull) || now.Before(w.sampleAt) {
		return zero, true
	}
	return w.mark, false
}

// Seen records low, the lowest live value a pass that began at at (the
// time given to Start) found from where it read; full is what Start said.
// The caller bounds low by what any row written after at will hold (the
// sequence's last id, the pass's own time). A nil LowWater ignores it.
func (w *LowWater[T]) Seen(at time.Time, low T, full bool) {
	if w == nil {
		return
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	if full {
		w.lastFull = at
	}
	if !w.sampled {
		w.sample, w.sampleAt, w.sampled = low, at, true
		return
	}
	if at.Sub(w.sampleAt) < w.lag {
		return
	}
	w.mark, w.marked = w.sample, true
	w.sample, w.sampleAt = low, at
}
