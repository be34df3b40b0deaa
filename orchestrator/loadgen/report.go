package loadgen

import (
	"maps"
	"math"
	"time"
)

// Report is a run's result. Every figure but WarmupOrders counts only the
// orders sent after the warm-up.
type Report struct {
	RunID       string  `json:"run_id"`
	Mode        string  `json:"mode"`
	TargetRate  float64 `json:"target_rate,omitempty"`
	Clients     int     `json:"clients,omitempty"`
	Interrupted bool    `json:"interrupted"`
	// WarmupSeconds is the warm-up; WarmupOrders the orders sent in it.
	WarmupSeconds float64 `json:"warmup_seconds"`
	WarmupOrders  int64   `json:"warmup_orders"`

	// Sent counts POST /orders requests; Accepted those answered 2xx.
	Sent     int64 `json:"sent"`
	Accepted int64 `json:"accepted"`
	// Completed counts accepted orders whose saga ended: Approved +
	// Rejected + Failed. Unfinished is Accepted - Completed.
	Completed  int64 `json:"completed"`
	Approved   int64 `json:"approved"`
	Rejected   int64 `json:"rejected"`
	Failed     int64 `json:"failed"`
	Unfinished int64 `json:"unfinished"`
	// ViaFallback counts the completed orders whose event was not seen in
	// time, found with GET /sagas/{id}.
	ViaFallback int64 `json:"via_fallback"`
	// HTTPErrors counts failed POSTs by status ("transport" when no answer
	// came); Cancelled the POSTs cut off by an interrupt.
	HTTPErrors map[string]int64 `json:"http_errors"`
	Cancelled  int64            `json:"cancelled,omitempty"`

	// WindowSeconds runs from the end of the warm-up to the last completion
	// of a measured order; CompletedPerSecond is Completed over it.
	WindowSeconds      float64 `json:"window_seconds"`
	CompletedPerSecond float64 `json:"completed_per_second"`
	// MaxSendLagMS (open loop) is the longest any POST started after its
	// due time: well above a few milliseconds, the generator could not
	// keep the rate.
	MaxSendLagMS float64 `json:"max_send_lag_ms,omitempty"`

	// EndToEnd is from sending the POST to the saga's completion time;
	// Post from sending the POST to its answer.
	EndToEnd Latency `json:"end_to_end"`
	Post     Latency `json:"post"`
}

// Latency summarises latencies in milliseconds.
type Latency struct {
	Count int64   `json:"count"`
	P50   float64 `json:"p50_ms"`
	P90   float64 `json:"p90_ms"`
	P99   float64 `json:"p99_ms"`
	Max   float64 `json:"max_ms"`
	Mean  float64 `json:"mean_ms"`
}

// report builds the figures from the orders measured so far.
func (s *stats) report() Report {
	s.mu.Lock()
	defer s.mu.Unlock()
	m := &s.m
	r := Report{WarmupOrders: m.warmupOrders, Sent: m.sent, Accepted: m.accepted, Cancelled: m.cancelled,
		Approved: m.results[Approved], Rejected: m.results[Rejected], Failed: m.results[Failed],
		ViaFallback: m.viaFallback, HTTPErrors: maps.Clone(m.httpErrors),
		EndToEnd: m.e2e.summary(), Post: m.post.summary()}
	r.Completed = r.Approved + r.Rejected + r.Failed
	r.Unfinished = r.Accepted - r.Completed
	r.WindowSeconds, r.CompletedPerSecond = throughput(r.Completed, s.warmupEnd, m.lastDone)
	return r
}

// throughput is completed over the window from start to last.
func throughput(completed int64, start, last time.Time) (seconds, perSecond float64) {
	if completed == 0 || !last.After(start) {
		return 0, 0
	}
	seconds = last.Sub(start).Seconds()
	return round3(seconds), round3(float64(completed) / seconds)
}

func round3(v float64) float64 { return math.Round(v*1000) / 1000 }
