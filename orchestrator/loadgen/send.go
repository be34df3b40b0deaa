package loadgen

import (
	"context"
	"time"
)

// errorPause is how long a closed-loop client waits after a failed POST,
// so that a service that is down is not hammered in a tight loop.
const errorPause = 100 * time.Millisecond

// sendFunc handles order n (counted from 0). In closed loop it returns once
// the order has ended.
type sendFunc func(ctx context.Context, n int64)

// placer places orders and hands the accepted ones to a tracker.
type placer struct {
	place   func(ctx context.Context, req placeRequest) (placed, int, error)
	plan    plan
	stats   *stats
	tracker *tracker
	con     *console
	timeout time.Duration
}

// placeOne sends order n. It returns a channel closed when the order has
// ended, or nil when the POST failed.
func (p *placer) placeOne(ctx context.Context, n int64) <-chan struct{} {
	sentAt := time.Now()
	res, status, err := p.place(ctx, p.plan.order(n))
	cancelled := err != nil && ctx.Err() != nil
	p.stats.posted(sentAt, time.Since(sentAt), status, err, cancelled)
	if err != nil {
		if !cancelled {
			p.con.once(errorKey(status), "POST /orders failed (later failures like it are only counted): %v", err)
		}
		return nil
	}
	return p.tracker.add(newOrder(res.SagaID, sentAt, p.stats.measures(sentAt)))
}

// sendOpen places order n without waiting for it to end.
func (p *placer) sendOpen(ctx context.Context, n int64) { p.placeOne(ctx, n) }

// sendClosed places order n and waits for it to end, at most timeout.
func (p *placer) sendClosed(ctx context.Context, n int64) {
	done := p.placeOne(ctx, n)
	if done == nil {
		sleep(ctx, errorPause)
		return
	}
	timer := time.NewTimer(p.timeout)
	defer timer.Stop()
	select {
	case <-done:
	case <-ctx.Done():
	case <-timer.C:
	}
}
