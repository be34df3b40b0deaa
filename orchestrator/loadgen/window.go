package loadgen

import "time"

// IntervalReport is one interval of a run (Config.Interval): the POSTs
// answered in it and the sagas that ended in it, warm-up included.
type IntervalReport struct {
	// Index counts the intervals from 1.
	Index int `json:"index"`
	// StartSeconds and EndSeconds bound the interval, in seconds since the
	// run started placing orders. The last interval ends once the run has
	// waited for the orders still in flight.
	StartSeconds float64 `json:"start_seconds"`
	EndSeconds   float64 `json:"end_seconds"`

	// Sent counts the POST /orders requests that returned in the interval,
	// Accepted those answered 2xx, HTTPErrors those that failed, not
	// counting those cut off by an interrupt.
	Sent       int64 `json:"sent"`
	Accepted   int64 `json:"accepted"`
	HTTPErrors int64 `json:"http_errors"`
	// Completed counts the sagas that ended in the interval: Approved +
	// Rejected + Failed; ViaFallback those found with GET /sagas/{id}.
	Completed   int64 `json:"completed"`
	Approved    int64 `json:"approved"`
	Rejected    int64 `json:"rejected"`
	Failed      int64 `json:"failed"`
	ViaFallback int64 `json:"via_fallback"`
	// InFlight counts the orders waiting for their saga at the end of the
	// interval.
	InFlight int `json:"in_flight"`
	// CompletedPerSecond is Completed over the interval's length.
	CompletedPerSecond float64 `json:"completed_per_second"`

	// EndToEnd is the latency of the sagas that ended in the interval;
	// Post that of the POSTs answered in it.
	EndToEnd Latency `json:"end_to_end"`
	Post     Latency `json:"post"`
}

// window is what happened in one interval: POSTs answered, sagas ended.
type window struct {
	sent, accepted, httpErrors int64
	results                    map[Result]int64
	viaFallback                int64
	e2e, post                  *sampler
}

func newWindow(samples int) *window {
	return &window{results: map[Result]int64{}, e2e: newSampler(samples), post: newSampler(samples)}
}

func (w *window) posted(took time.Duration, err error, cancelled bool) {
	w.sent++
	switch {
	case err == nil:
		w.accepted++
		w.post.add(took)
	case !cancelled:
		w.httpErrors++
	}
}

func (w *window) finished(r resolution, latency time.Duration) {
	w.results[r.result]++
	if r.viaFallback {
		w.viaFallback++
	}
	w.e2e.add(latency)
}

// report is the window's figures as interval index, from from to to;
// runStart is when the run started placing orders.
func (w *window) report(index int, runStart, from, to time.Time, inFlight int) IntervalReport {
	r := IntervalReport{Index: index, StartSeconds: round3(from.Sub(runStart).Seconds()),
		EndSeconds: round3(to.Sub(runStart).Seconds()), Sent: w.sent, Accepted: w.accepted,
		HTTPErrors: w.httpErrors, Approved: w.results[Approved], Rejected: w.results[Rejected],
		Failed: w.results[Failed], ViaFallback: w.viaFallback, InFlight: inFlight,
		EndToEnd: w.e2e.summary(), Post: w.post.summary()}
	r.Completed = r.Approved + r.Rejected + r.Failed
	if secs := to.Sub(from).Seconds(); secs > 0 {
		r.CompletedPerSecond = round3(float64(r.Completed) / secs)
	}
	return r
}

// cut returns the current interval's window and starts a new one.
func (s *stats) cut() *window {
	s.mu.Lock()
	defer s.mu.Unlock()
	w := s.win
	s.win = newWindow(s.samples)
	return w
}
