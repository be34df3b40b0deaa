package loadgen

import (
	"context"
	"fmt"
	"time"
)

// progress writes one line per interval while a run goes on.
type progress struct {
	stats   *stats
	tracker *tracker
	out     func(line string)
	start   time.Time
	every   time.Duration
}

func (p *progress) run(ctx context.Context) {
	tick := time.NewTicker(p.every)
	defer tick.Stop()
	last, lastAt := int64(0), p.start
	for {
		select {
		case <-ctx.Done():
			return
		case now := <-tick.C:
			done := p.stats.totalCompleted.Load()
			p.out(p.line(now, float64(done-last)/now.Sub(lastAt).Seconds()))
			last, lastAt = done, now
		}
	}
}

// line renders the totals at now; rate is the completions per second since
// the last line.
func (p *progress) line(now time.Time, rate float64) string {
	phase := ""
	if now.Before(p.stats.warmupEnd) {
		phase = "  (warm-up)"
	}
	return fmt.Sprintf("%6.0fs  sent %d  completed %d  in flight %d  errors %d  rate %.1f/s%s",
		now.Sub(p.start).Seconds(), p.stats.totalSent.Load(), p.stats.totalCompleted.Load(),
		p.tracker.inFlight(), p.stats.totalErrors.Load(), rate, phase)
}
