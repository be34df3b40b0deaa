package main

import (
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"
	"text/tabwriter"
)

// summary is a whole bench's output.
type summary struct {
	Bin string `json:"bin"`
	// Redis is "single" or the cluster's masters ("cluster of 3 masters");
	// Processes is how many processes of each service ran.
	Redis      string    `json:"redis"`
	Processes  int       `json:"processes"`
	Runs       []result  `json:"runs"`
	Settings   []setting `json:"postgres_settings"`
	Autovacuum string    `json:"autovacuum"`
}

// perSaga divides v by the run's completed sagas.
func (r result) perSaga(v float64) float64 {
	if r.Report.Completed == 0 {
		return 0
	}
	return v / float64(r.Report.Completed)
}

// writeRun prints one run's figures.
func writeRun(w io.Writer, r result) {
	rep := r.Report
	fmt.Fprintf(w, "\n== %s: %.1f completed sagas/s (%d measured, %d unfinished, %d HTTP errors%s)\n",
		r.Load, rep.CompletedPerSecond, rep.Completed, rep.Unfinished, httpErrors(r), refusedNote(rep.HTTPErrors))
	fmt.Fprintf(w, "   end-to-end p50 %.1f ms  p90 %.1f ms  p99 %.1f ms  max %.1f ms;  POST p50 %.1f ms\n",
		rep.EndToEnd.P50, rep.EndToEnd.P90, rep.EndToEnd.P99, rep.EndToEnd.Max, rep.Post.P50)
	fmt.Fprintf(w, "   whole machine over %.1f s: %.2f ms CPU and %.1f context switches per saga (%.0f%% of one core)\n",
		r.Seconds, 1000*r.perSaga(r.Machine.CPUSeconds), r.perSaga(float64(r.Machine.ContextSwitches)),
		100*r.Machine.CPUSeconds/max(r.Seconds, 1e-9))
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "   process\tCPU ms/saga\tCPU % of a core\tctx switches/saga\t")
	for _, p := range r.Processes {
		fmt.Fprintf(tw, "   %s\t%.3f\t%.1f\t%.1f\t\n", p.Name, 1000*r.perSaga(p.CPUSeconds),
			100*p.CPUSeconds/max(r.Seconds, 1e-9), r.perSaga(float64(p.ContextSwitches)))
	}
	_ = tw.Flush()
	writeCounters(w, r.Counters)
}

// writeCounters prints the services' counters per saga, one line per
// counter, one column per service and their sum.
func writeCounters(w io.Writer, counters map[string]map[string]float64) {
	if len(counters["all"]) == 0 {
		return
	}
	cols := append(slices.Clone(serviceNames), "all")
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(tw, "   per saga\t%s\t\n", strings.Join(cols, "\t"))
	for _, name := range slices.Sorted(maps.Keys(counters["all"])) {
		if counters["all"][name] < 0.005 {
			continue // start-up and scrape calls
		}
		fmt.Fprintf(tw, "   %s\t", name)
		for _, c := range cols {
			fmt.Fprintf(tw, "%.2f\t", counters[c][name])
		}
		fmt.Fprintln(tw)
	}
	_ = tw.Flush()
}

// writeSummary prints one line per run, then the server's settings.
func writeSummary(w io.Writer, s summary) {
	fmt.Fprintf(w, "\n== summary (%s; Redis: %s; %d process(es) of each service)\n", s.Bin, s.Redis, s.Processes)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "load\tsagas/s\tp50 ms\tp90 ms\tp99 ms\tCPU ms/saga\tctx switches/saga\t")
	for _, r := range s.Runs {
		rep := r.Report
		fmt.Fprintf(tw, "%s\t%.1f\t%.1f\t%.1f\t%.1f\t%.2f\t%.1f\t\n", r.Load, rep.CompletedPerSecond,
			rep.EndToEnd.P50, rep.EndToEnd.P90, rep.EndToEnd.P99,
			1000*r.perSaga(r.Machine.CPUSeconds), r.perSaga(float64(r.Machine.ContextSwitches)))
	}
	_ = tw.Flush()
	writeSettings(w, s.Settings, s.Autovacuum)
}

// writeSettings prints whether autovacuum is on and the server's
// settings that differ from their default.
func writeSettings(w io.Writer, settings []setting, autovacuum string) {
	fmt.Fprintf(w, "\nPostgreSQL: autovacuum %s; settings not at their default:\n", autovacuum)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	for _, st := range settings {
		fmt.Fprintf(tw, "  %s\t%s\t(%s)\n", st.Name, st.Value, st.Source)
	}
	_ = tw.Flush()
}

func writeJSON(w io.Writer, s any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	if err := enc.Encode(s); err != nil {
		return fmt.Errorf("writing the results: %w", err)
	}
	return nil
}

// refusedNote says how many POSTs were answered 503, the answer of an
// orchestrator whose admission refuses new sagas (or whose database is
// out of reach); "" when none was.
func refusedNote(byStatus map[string]int64) string {
	if n := byStatus["503"]; n > 0 {
		return fmt.Sprintf(", %d of them 503: refused while busy", n)
	}
	return ""
}

func httpErrors(r result) int64 { return httpErrorsOf(r.Report.HTTPErrors) }

// httpErrorsOf adds up failed POSTs by status.
func httpErrorsOf(byStatus map[string]int64) int64 {
	var n int64
	for _, v := range byStatus {
		n += v
	}
	return n
}
