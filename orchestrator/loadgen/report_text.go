package loadgen

import (
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"
	"text/tabwriter"
)

// WriteJSON writes the report as one indented JSON document.
func (r Report) WriteJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	if err := enc.Encode(r); err != nil {
		return fmt.Errorf("writing report: %w", err)
	}
	return nil
}

// WriteText writes the report for people.
func (r Report) WriteText(w io.Writer) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "load test %s: %s\n", r.RunID, r.describe())
	fmt.Fprintf(tw, "warm-up\t%.1fs, %d orders not counted\n", r.WarmupSeconds, r.WarmupOrders)
	fmt.Fprintf(tw, "orders sent\t%d\n", r.Sent)
	fmt.Fprintf(tw, "  accepted\t%d\n", r.Accepted)
	fmt.Fprintf(tw, "  completed\t%d (approved %d, rejected %d, failed %d)\n", r.Completed, r.Approved, r.Rejected, r.Failed)
	fmt.Fprintf(tw, "  unfinished\t%d\n", r.Unfinished)
	fmt.Fprintf(tw, "  via fallback\t%d (no event in time; found with GET /sagas/{id})\n", r.ViaFallback)
	fmt.Fprintf(tw, "HTTP errors\t%s\n", r.errorsText())
	fmt.Fprintf(tw, "throughput\t%.1f completed sagas/s over %.1fs\n", r.CompletedPerSecond, r.WindowSeconds)
	if r.MaxSendLagMS > 0 {
		fmt.Fprintf(tw, "send lag\tmax %.1f ms behind schedule\n", r.MaxSendLagMS)
	}
	fmt.Fprintf(tw, "end-to-end\tp50 %s  p90 %s  p99 %s  max %s  (n=%d)\n",
		msText(r.EndToEnd.P50), msText(r.EndToEnd.P90), msText(r.EndToEnd.P99), msText(r.EndToEnd.Max), r.EndToEnd.Count)
	fmt.Fprintf(tw, "POST /orders\tp50 %s  p99 %s  max %s  (n=%d)\n",
		msText(r.Post.P50), msText(r.Post.P99), msText(r.Post.Max), r.Post.Count)
	if err := tw.Flush(); err != nil {
		return fmt.Errorf("writing report: %w", err)
	}
	return nil
}

func (r Report) describe() string {
	d := fmt.Sprintf("closed loop with %d clients", r.Clients)
	if r.Mode == ModeOpen {
		d = fmt.Sprintf("open loop at %g orders/s", r.TargetRate)
	}
	if r.Interrupted {
		d += " (interrupted)"
	}
	return d
}

// errorsText lists the failed POSTs by status, in order.
func (r Report) errorsText() string {
	if len(r.HTTPErrors) == 0 && r.Cancelled == 0 {
		return "none"
	}
	var parts []string
	for _, k := range slices.Sorted(maps.Keys(r.HTTPErrors)) {
		parts = append(parts, fmt.Sprintf("%s: %d", k, r.HTTPErrors[k]))
	}
	if r.Cancelled > 0 {
		parts = append(parts, fmt.Sprintf("cancelled by the interrupt: %d", r.Cancelled))
	}
	return strings.Join(parts, ", ")
}

func msText(v float64) string { return fmt.Sprintf("%.1fms", v) }
