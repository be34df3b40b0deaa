package loadgen

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"time"
)

// intervals writes the report of each interval of a run as it ends. The
// intervals follow one another from the run's start without a gap.
type intervals struct {
	stats   *stats
	tracker *tracker
	start   time.Time
	every   time.Duration
	// end is when the run stops sending (zero: no planned end). No
	// interval is cut at or after it: the one that holds it ends with
	// last, once the run has waited for its orders in flight.
	end   time.Time
	write func(IntervalReport)

	n    int
	from time.Time
}

// begin starts cutting intervals; the function it returns stops that and
// cuts the last one. A nil intervals does nothing.
func (iv *intervals) begin(ctx context.Context) (end func()) {
	if iv == nil {
		return func() {}
	}
	ctx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() {
		defer close(done)
		iv.run(ctx)
	}()
	return func() {
		cancel()
		<-done
		iv.last()
	}
}

// run cuts an interval at every boundary before end until ctx is done.
func (iv *intervals) run(ctx context.Context) {
	for {
		b := iv.start.Add(time.Duration(iv.n+1) * iv.every)
		if !iv.end.IsZero() && !b.Before(iv.end) {
			return
		}
		if !sleepUntil(ctx, b) {
			return
		}
		iv.cut(b)
	}
}

// last cuts the last interval now, once run has returned.
func (iv *intervals) last() { iv.cut(time.Now()) }

func (iv *intervals) cut(at time.Time) {
	if iv.from.IsZero() {
		iv.from = iv.start
	}
	iv.n++
	w := iv.stats.cut()
	iv.write(w.report(iv.n, iv.start, iv.from, at, iv.tracker.inFlight()))
	iv.from = at
}

// intervalWriter writes each interval report to w: as one JSON line
// {"interval": {...}} when asJSON, else as a line of text. A write that
// fails is reported once to con.
func intervalWriter(w io.Writer, asJSON bool, con *console) func(IntervalReport) {
	enc := json.NewEncoder(w)
	return func(r IntervalReport) {
		var err error
		if asJSON {
			err = enc.Encode(struct {
				Interval IntervalReport `json:"interval"`
			}{r})
		} else {
			_, err = fmt.Fprintln(w, r.Text())
		}
		if err != nil {
			con.once("interval", "writing an interval report: %v", err)
		}
	}
}

// Text is the interval's line for people.
func (r IntervalReport) Text() string {
	e := r.EndToEnd
	return fmt.Sprintf("interval %d (%.0f-%.0fs): sent %d, completed %d (%.1f/s), end-to-end p50 %s p90 %s p99 %s max %s, in flight %d, HTTP errors %d",
		r.Index, r.StartSeconds, r.EndSeconds, r.Sent, r.Completed, r.CompletedPerSecond,
		msText(e.P50), msText(e.P90), msText(e.P99), msText(e.Max), r.InFlight, r.HTTPErrors)
}
