package loadgen

import (
	"strconv"
	"sync"
	"sync/atomic"
	"time"
)

// Result is how a saga ended.
type Result string

// Results a run tells apart.
const (
	Approved Result = "approved" // saga COMPLETED, order APPROVED
	Rejected Result = "rejected" // saga COMPENSATED, order REJECTED
	Failed   Result = "failed"   // saga FAILED: needs an operator
)

// stats collects a run's figures. The totals count every order and feed the
// progress line; everything else counts only orders sent after the warm-up.
type stats struct {
	warmupEnd time.Time

	totalSent, totalCompleted, totalErrors atomic.Int64

	mu sync.Mutex
	m  measured
	// win is the current interval's window (every order, warm-up
	// included); samples is the capacity of its samplers.
	win     *window
	samples int
}

// measured is what the report is made of.
type measured struct {
	warmupOrders, sent, accepted, cancelled int64
	httpErrors                              map[string]int64
	results                                 map[Result]int64
	viaFallback                             int64
	lastDone                                time.Time
	e2e, post                               *sampler
}

func newStats(warmupEnd time.Time, samples int) *stats {
	return &stats{warmupEnd: warmupEnd, m: measured{httpErrors: map[string]int64{}, results: map[Result]int64{},
		e2e: newSampler(samples), post: newSampler(samples)}, win: newWindow(samples), samples: samples}
}

func (s *stats) measures(sentAt time.Time) bool { return !sentAt.Before(s.warmupEnd) }

// posted records a POST /orders sent at sentAt that took took. status is
// 0 when no answer came; cancelled says the run was stopping.
func (s *stats) posted(sentAt time.Time, took time.Duration, status int, err error, cancelled bool) {
	s.totalSent.Add(1)
	if err != nil && !cancelled {
		s.totalErrors.Add(1)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.win.posted(took, err, cancelled)
	if !s.measures(sentAt) {
		s.m.warmupOrders++
		return
	}
	s.m.sent++
	switch {
	case err == nil:
		s.m.accepted++
		s.m.post.add(took)
	case cancelled:
		s.m.cancelled++
	default:
		s.m.httpErrors[errorKey(status)]++
	}
}

// errorKey names a failed request by its status, or "transport" when no
// answer came.
func errorKey(status int) string {
	if status == 0 {
		return "transport"
	}
	return strconv.Itoa(status)
}

// finished records an order's end.
func (s *stats) finished(o *order, r resolution) {
	s.totalCompleted.Add(1)
	latency := max(r.completedAt.Sub(o.sentAt), 0)
	s.mu.Lock()
	defer s.mu.Unlock()
	s.win.finished(r, latency)
	if !o.measured {
		return
	}
	s.m.results[r.result]++
	if r.viaFallback {
		s.m.viaFallback++
	}
	s.m.e2e.add(latency)
	if r.completedAt.After(s.m.lastDone) {
		s.m.lastDone = r.completedAt
	}
}
