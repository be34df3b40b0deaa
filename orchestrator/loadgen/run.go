package loadgen

import (
	"context"
	"fmt"
	"io"
	"sync"
	"time"
)

// Modes of a run.
const (
	ModeOpen   = "open-loop"
	ModeClosed = "closed-loop"
)

// drainPoll is how often the end of a run checks for orders in flight.
const drainPoll = 20 * time.Millisecond

// Run checks the services, sets up the run's stock and accounts, places
// orders until the run's limits, waits for the orders still in flight (at
// most OrderTimeout), and writes the report to stdout; progress and
// warnings go to stderr. When ctx ends during the run it stops at once and
// still writes the report of what it measured, marked interrupted.
func Run(ctx context.Context, cfg Config, stdout, stderr io.Writer) (Report, error) {
	cfg.setDefaults()
	if err := cfg.validate(); err != nil {
		return Report{}, fmt.Errorf("invalid configuration: %w", err)
	}
	r, err := prepare(ctx, cfg, stderr)
	if err != nil {
		return Report{}, err
	}
	defer r.close()
	r.con.printf("%s", r.describe())
	if cfg.Interval > 0 {
		r.writeInterval = intervalWriter(stdout, cfg.JSON, r.con)
	}
	rep := r.execute(ctx)
	if cfg.JSON {
		return rep, rep.WriteJSON(stdout)
	}
	return rep, rep.WriteText(stdout)
}

// execute places the orders with the tail, the fallback poller and the
// progress line running beside, and returns the report.
func (r *run) execute(ctx context.Context) Report {
	start := time.Now()
	st := newStats(start.Add(r.cfg.Warmup), DefaultSamples)
	tr := newTracker(st.finished)
	bg, stopBg := context.WithCancel(ctx)
	var wg sync.WaitGroup
	for i, key := range r.keys {
		wg.Go(func() {
			(&tail{rdb: r.rdb, key: key, from: r.froms[i], plan: r.plan, tracker: tr, warn: r.con.printf}).run(bg)
		})
	}
	wg.Go(func() { (&poller{sagas: r.svc, tracker: tr, after: r.cfg.EventTimeout, every: time.Second}).run(bg) })
	wg.Go(func() {
		(&progress{stats: st, tracker: tr, out: r.con.line, start: start, every: r.cfg.Progress}).run(bg)
	})
	endIntervals := r.intervals(st, tr, start).begin(ctx)
	lag := r.drive(ctx, start, &placer{place: r.svc.placeOrder, plan: r.plan, stats: st, tracker: tr,
		con: r.con, timeout: r.cfg.OrderTimeout})
	drain(ctx, tr, r.cfg.OrderTimeout)
	endIntervals()
	stopBg()
	wg.Wait()
	return r.finish(st.report(), lag, ctx.Err() != nil)
}

// intervals is the run's interval reporter, nil without Config.Interval.
func (r *run) intervals(st *stats, tr *tracker, start time.Time) *intervals {
	if r.writeInterval == nil {
		return nil
	}
	iv := &intervals{stats: st, tracker: tr, start: start, every: r.cfg.Interval, write: r.writeInterval}
	if r.cfg.Duration > 0 {
		iv.end = start.Add(r.cfg.Duration)
	}
	return iv
}

// drive places orders open or closed loop and returns the open loop's
// longest send lag.
func (r *run) drive(ctx context.Context, start time.Time, p *placer) time.Duration {
	lim := limits{count: r.cfg.Count}
	if r.cfg.Duration > 0 {
		lim.end = start.Add(r.cfg.Duration)
	}
	if r.cfg.OpenLoop() {
		return openLoop(ctx, pacer{rate: r.cfg.Rate, start: start}, lim, r.cfg.MaxInFlight, p.sendOpen).maxLag
	}
	closedLoop(ctx, r.cfg.Clients, lim, p.sendClosed)
	return 0
}

// drain waits until no order is in flight, at most timeout.
func drain(ctx context.Context, tr *tracker, timeout time.Duration) {
	deadline := time.Now().Add(timeout)
	for tr.inFlight() > 0 && time.Now().Before(deadline) && ctx.Err() == nil {
		sleep(ctx, drainPoll)
	}
}

func (r *run) finish(rep Report, lag time.Duration, interrupted bool) Report {
	rep.RunID, rep.Interrupted, rep.WarmupSeconds = r.cfg.RunID, interrupted, r.cfg.Warmup.Seconds()
	rep.Mode, rep.Clients = ModeClosed, r.cfg.Clients
	if r.cfg.OpenLoop() {
		rep.Mode, rep.TargetRate, rep.MaxSendLagMS = ModeOpen, r.cfg.Rate, ms(lag)
	}
	return rep
}
