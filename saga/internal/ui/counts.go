package ui

import (
	"context"
	"maps"
	"sync"
	"time"

	"github.com/streamsaga/streamsaga/saga"
)

// Caching of the counts by state on the list.
const (
	// CountsCacheFor is how long the counts are reused once there are
	// CountsCacheFrom sagas: every view within it shares one count, so
	// frequent views do not each scan a large table.
	CountsCacheFor = 2 * time.Second
	// CountsCacheFrom is the number of sagas from which the counts are
	// cached; fewer are cheap to count and are counted on every view.
	CountsCacheFrom = 10_000
)

// countCache holds the last counts by state and when they were read.
type countCache struct {
	mu     sync.Mutex
	at     time.Time
	counts map[saga.State]int64
}

// stateCounts returns the counts by state, read again once they are
// CountsCacheFor old (on every view while there are fewer than
// CountsCacheFrom sagas). Views that arrive while they are being read wait
// for that one read.
func (u *UI) stateCounts(ctx context.Context) (map[saga.State]int64, error) {
	c := &u.counts
	c.mu.Lock()
	defer c.mu.Unlock()
	now := u.now()
	if c.counts != nil && !now.Before(c.at) && now.Sub(c.at) < CountsCacheFor {
		return maps.Clone(c.counts), nil
	}
	counts, err := u.store.CountSagasByState(ctx)
	if err != nil {
		return nil, err
	}
	c.at, c.counts = now, nil
	if total(counts) >= CountsCacheFrom {
		c.counts = maps.Clone(counts)
	}
	return counts, nil
}

func total(counts map[saga.State]int64) int64 {
	var n int64
	for _, v := range counts {
		n += v
	}
	return n
}
