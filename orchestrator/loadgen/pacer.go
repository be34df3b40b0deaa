package loadgen

import (
	"context"
	"sync"
	"time"
)

// pacer schedules open-loop orders: order n is due at start + n/rate. Each
// time is computed from the start, never from the previous send, so the
// schedule does not drift however late single sends are.
type pacer struct {
	rate  float64
	start time.Time
}

func (p pacer) at(n int64) time.Time {
	return p.start.Add(time.Duration(float64(n) / p.rate * float64(time.Second)))
}

// openResult is what an open-loop run did.
type openResult struct {
	sent int64
	// maxLag is the longest any send started after it was due: above a few
	// milliseconds the generator itself (or maxInFlight) held the rate back.
	maxLag time.Duration
}

// openLoop calls send for each order when it is due, each in its own
// goroutine and at most maxInFlight at once, until lim is reached or ctx is
// done. It returns once every send has returned.
func openLoop(ctx context.Context, p pacer, lim limits, maxInFlight int, send sendFunc) openResult {
	var (
		res openResult
		wg  sync.WaitGroup
	)
	defer wg.Wait()
	sem := make(chan struct{}, max(maxInFlight, 1))
	for n := int64(0); ; n++ {
		due := p.at(n)
		if lim.reached(n, due) || !sleepUntil(ctx, due) || !acquire(ctx, sem) {
			return res
		}
		res.sent, res.maxLag = n+1, max(res.maxLag, time.Since(due))
		wg.Go(func() {
			defer func() { <-sem }()
			send(ctx, n)
		})
	}
}

// sleepUntil waits until t and reports false if ctx ended first.
func sleepUntil(ctx context.Context, t time.Time) bool {
	if d := time.Until(t); d > 0 {
		sleep(ctx, d)
	}
	return ctx.Err() == nil
}

func acquire(ctx context.Context, sem chan struct{}) bool {
	select {
	case sem <- struct{}{}:
		return true
	case <-ctx.Done():
		return false
	}
}
