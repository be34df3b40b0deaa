package pg

import (
	"sync"
	"time"
)

// LowWater defaults (LowWaterConfig).
const (
	DefaultMarkLag       = 10 * time.Second
	DefaultDeepLag       = 5 * time.Minute
	DefaultDeepPassEvery = time.Minute
	DefaultFullPassEvery = time.Hour
)

// LowWaterConfig sets how old a LowWater's marks are and how often its
// passes read from further back; zero fields take their defaults.
type LowWaterConfig struct {
	// Lag is the least age of the mark of a quick pass.
	Lag time.Duration
	// DeepLag is the least age of the mark of a deep pass.
	DeepLag time.Duration
	// DeepEvery is how often a pass is a deep one.
	DeepEvery time.Duration
	// FullEvery is how often a pass reads from the start.
	FullEvery time.Duration
}

func (c LowWaterConfig) withDefaults() LowWaterConfig {
	c.Lag = orDefault(c.Lag, DefaultMarkLag)
	c.DeepLag = orDefault(c.DeepLag, DefaultDeepLag)
	c.DeepEvery = orDefault(c.DeepEvery, DefaultDeepPassEvery)
	c.FullEvery = orDefault(c.FullEvery, DefaultFullPassEvery)
	return c
}

func orDefault(d, def time.Duration) time.Duration {
	if d == 0 {
		return def
	}
	return d
}

// Pass is how far back a pass reads.
type Pass int

// The passes: from a mark at least Lag old, from one at least DeepLag
// old, from the start.
const (
	QuickPass Pass = iota
	DeepPass
	FullPass
)

// LowWater is where a claim that reads a queue-like index in order can
// start. Such an index (the outbox by id, the sagas by deadline) keeps an
// entry for every row deleted, and for every old version of a row updated,
// until a vacuum removes it; all of them sort before the live entries. With
// autovacuum off or behind, a claim that starts at the lowest entry walks
// every one of them, every time, and grows with the rows handled since the
// last vacuum.
//
// Each pass samples the lowest live value from where it read (Seen). A
// quick pass reads from the newest sample at least Lag old, so that a row
// written with a lower value by a transaction still open at the sample
// (the id of a row is taken before its transaction commits) is found if
// the transaction commits within Lag. Every DeepEvery a pass reads from a
// sample at least DeepLag old, and every FullEvery, and until the first
// sample old enough, from the start: a row committed later than Lag after
// its value was taken waits for one of those. What a quick pass walks is
// bounded by the rows handled in about twice Lag, a deep one's by those in
// DeepLag and a minute or so; only the hourly full pass grows with the rows
// handled since the last vacuum.
type LowWater[T any] struct {
	cfg  LowWaterConfig
	less func(a, b T) bool

	mu       sync.Mutex
	samples  []sample[T] // oldest first, at most one per Lag
	lastDeep time.Time
	lastFull time.Time
	fullSeen bool
}

type sample[T any] struct {
	at  time.Time
	low T
}

// NewLowWater returns a mark ordered by less.
func NewLowWater[T any](cfg LowWaterConfig, less func(a, b T) bool) *LowWater[T] {
	return &LowWater[T]{cfg: cfg.withDefaults(), less: less}
}

// NewIDLowWater is a LowWater of ids with the default settings.
func NewIDLowWater() *LowWater[int64] {
	return NewLowWater(LowWaterConfig{}, func(a, b int64) bool { return a < b })
}

// NewTimeLowWater is a LowWater of times with the default settings.
func NewTimeLowWater() *LowWater[time.Time] {
	return NewLowWater(LowWaterConfig{}, time.Time.Before)
}

// Start returns where a pass beginning at now reads from and what kind of
// pass it is; a full pass reads from the start (the zero value). Full also
// when there is no sample old enough, or the clock went back behind the
// last full pass or sample. A nil LowWater always asks for a full pass.
func (w *LowWater[T]) Start(now time.Time) (from T, pass Pass) {
	var zero T
	if w == nil {
		return zero, FullPass
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	if !w.fullSeen || now.Sub(w.lastFull) >= w.cfg.FullEvery || now.Before(w.lastFull) || w.wentBack(now) {
		return zero, FullPass
	}
	pass, age := QuickPass, w.cfg.Lag
	if now.Sub(w.lastDeep) >= w.cfg.DeepEvery {
		pass, age = DeepPass, w.cfg.DeepLag
	}
	s, ok := w.newestBefore(now.Add(-age))
	if !ok {
		return zero, FullPass
	}
	return s.low, pass
}

// wentBack reports whether now is before the newest sample.
func (w *LowWater[T]) wentBack(now time.Time) bool {
	return len(w.samples) > 0 && now.Before(w.samples[len(w.samples)-1].at)
}

// newestBefore is the newest sample taken at t or before.
func (w *LowWater[T]) newestBefore(t time.Time) (sample[T], bool) {
	for i := len(w.samples) - 1; i >= 0; i-- {
		if !w.samples[i].at.After(t) {
			return w.samples[i], true
		}
	}
	return sample[T]{}, false
}

// Seen records low, the lowest live value a pass that began at at (the
// time given to Start) found from where it read; pass is what Start said.
// The caller bounds low by what any row written after at will hold (the
// sequence's last id, the pass's own time). A nil LowWater ignores it.
func (w *LowWater[T]) Seen(at time.Time, low T, pass Pass) {
	if w == nil {
		return
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	switch pass {
	case FullPass:
		w.lastFull, w.lastDeep, w.fullSeen = at, at, true
	case DeepPass:
		w.lastDeep = at
	}
	if n := len(w.samples); n > 0 && at.Sub(w.samples[n-1].at) < w.cfg.Lag {
		// Within Lag of the newest sample: that one keeps its time and
		// takes the lower value (a deeper pass may have found a row
		// committed late that it left live).
		if w.less(low, w.samples[n-1].low) {
			w.samples[n-1].low = low
		}
		return
	}
	w.samples = append(w.samples, sample[T]{at: at, low: low})
	w.forget(at)
}

// forget drops the samples no pass will read from: those older than the
// newest one at least DeepLag old at at.
func (w *LowWater[T]) forget(at time.Time) {
	limit := at.Add(-w.cfg.DeepLag)
	keep := 0
	for i, s := range w.samples {
		if !s.at.After(limit) {
			keep = i
		}
	}
	w.samples = append(w.samples[:0], w.samples[keep:]...)
}
