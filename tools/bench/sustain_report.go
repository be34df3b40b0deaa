package main

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"
)

// comparison puts a sustained run's first interval next to its last.
type comparison struct {
	First intervalFigures `json:"first"`
	Last  intervalFigures `json:"last"`
	// The ratios are last over first; 0 when first is 0.
	RateRatio float64 `json:"rate_ratio"`
	P50Ratio  float64 `json:"p50_ratio"`
	P99Ratio  float64 `json:"p99_ratio"`
}

// intervalFigures are the figures of one interval the comparison shows.
type intervalFigures struct {
	Index              int     `json:"index"`
	StartSeconds       float64 `json:"start_seconds"`
	EndSeconds         float64 `json:"end_seconds"`
	CompletedPerSecond float64 `json:"completed_per_second"`
	P50                float64 `json:"p50_ms"`
	P99                float64 `json:"p99_ms"`
}

func figuresOf(iv interval) intervalFigures {
	l := iv.Load
	return intervalFigures{Index: l.Index, StartSeconds: l.StartSeconds, EndSeconds: l.EndSeconds,
		CompletedPerSecond: l.CompletedPerSecond, P50: l.EndToEnd.P50, P99: l.EndToEnd.P99}
}

// compare is the first interval against the last; zero without intervals.
func compare(ivs []interval) comparison {
	if len(ivs) == 0 {
		return comparison{}
	}
	f, l := figuresOf(ivs[0]), figuresOf(ivs[len(ivs)-1])
	return comparison{First: f, Last: l, RateRatio: ratio(l.CompletedPerSecond, f.CompletedPerSecond),
		P50Ratio: ratio(l.P50, f.P50), P99Ratio: ratio(l.P99, f.P99)}
}

func ratio(a, b float64) float64 {
	if b == 0 {
		return 0
	}
	return a / b
}

// intervalColumns is the format of an interval line; its header and rows
// share it.
const intervalColumns = "%8v %8v %7v %7v %7v %6v %6v %6v %7v %9v %10v %7v %8v %8v %8v %9v %9v %8v %8v %5v\n"

// writeIntervalHeader prints what the columns of the interval lines are.
func writeIntervalHeader(w io.Writer) {
	fmt.Fprintln(w, "CPU ms per saga of the whole machine (CPU), the run's PostgreSQL backends (PG db) and the rest of the server (PG rest:")
	fmt.Fprintln(w, "autovacuum, checkpointer, other databases); rows of the orchestrator's (o.), inventory's (i.) and payment's (p.)")
	fmt.Fprintln(w, "tables; MB: pg_total_relation_size; av: autovacuum")
	fmt.Fprintf(w, intervalColumns, "elapsed", "sagas/s", "p50 ms", "p90 ms", "p99 ms", "errors", "CPU", "PG db", "PG rest",
		"sagas", "history", "outbox", "o.inbox", "i.inbox", "p.inbox", "i.barrier", "p.barrier", "sagas MB", "hist MB", "av")
}

// writeInterval prints one interval's line.
func writeInterval(w io.Writer, iv interval) {
	l, rows, bytes := iv.Load, iv.Tables.Rows, iv.Tables.Bytes
	fmt.Fprintf(w, intervalColumns, elapsed(l.EndSeconds), f1(l.CompletedPerSecond), f1(l.EndToEnd.P50),
		f1(l.EndToEnd.P90), f1(l.EndToEnd.P99), l.HTTPErrors, f2(iv.MachineCPUMS), f2(iv.PostgresDBCPUMS), f2(iv.PostgresRestCPUMS),
		rows["orchestrator.sagas"], rows["orchestrator.saga_history"], rows["orchestrator.outbox"],
		rows["orchestrator.inbox"], rows["inventory.inbox"], rows["payment.inbox"],
		rows["inventory.barrier"], rows["payment.barrier"],
		f1(mb(bytes["orchestrator.sagas"])), f1(mb(bytes["orchestrator.saga_history"])), iv.Tables.Autovacuum)
}

// writeSustained prints a sustained run's summary.
func writeSustained(w io.Writer, s sustained) {
	fmt.Fprintf(w, "\n== sustained open loop %g/s for %s, intervals of %s (%s; Redis: %s; %d process(es) of each service)\n",
		s.Rate, elapsed(s.Seconds), elapsed(s.IntervalSeconds), s.Bin, s.Redis, s.Processes)
	c := s.Comparison
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "\tsagas/s\tp50 ms\tp99 ms\t")
	for _, f := range []struct {
		name string
		v    intervalFigures
	}{{"first", c.First}, {"last", c.Last}} {
		fmt.Fprintf(tw, "%s interval (%s-%s)\t%.1f\t%.1f\t%.1f\t\n", f.name, elapsed(f.v.StartSeconds), elapsed(f.v.EndSeconds),
			f.v.CompletedPerSecond, f.v.P50, f.v.P99)
	}
	fmt.Fprintf(tw, "last / first\t%.2f\t%.2f\t%.2f\t\n", c.RateRatio, c.P50Ratio, c.P99Ratio)
	_ = tw.Flush()
	r := s.Report
	fmt.Fprintf(w, "whole run: %d orders sent, %d sagas completed, %d unfinished, %d HTTP errors; end-to-end p50 %.1f ms p99 %.1f ms max %.1f ms\n",
		r.Sent, r.Completed, r.Unfinished, httpErrorsOf(r.HTTPErrors), r.EndToEnd.P50, r.EndToEnd.P99, r.EndToEnd.Max)
	fmt.Fprintf(w, "service environment: %s; database %s (dropped)\n", envText(s.ServiceEnv), s.Database)
	writeSettings(w, s.Settings, s.Autovacuum)
}

func envText(env []string) string {
	if len(env) == 0 {
		return "no extra variables"
	}
	return strings.Join(env, " ")
}

// elapsed renders seconds as a duration to the second: 90 is "1m30s".
func elapsed(seconds float64) string {
	return (time.Duration(seconds * float64(time.Second))).Round(time.Second).String()
}

func f1(v float64) string { return fmt.Sprintf("%.1f", v) }
func f2(v float64) string { return fmt.Sprintf("%.2f", v) }
func mb(b int64) float64  { return float64(b) / (1 << 20) }
