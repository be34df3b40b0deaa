package loadgen

import (
	"bytes"
	"encoding/json"
	"errors"
	"regexp"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

var t0 = time.Date(2026, 11, 25, 10, 0, 0, 0, time.UTC)

func at(d time.Duration) time.Time { return t0.Add(d) }

// sampleStats is a run with a 5 s warm-up: one warm-up order, four
// measured ones (three answered, two of them finished) and three failed
// POSTs.
func sampleStats() *stats {
	s := newStats(at(5*time.Second), DefaultSamples)
	ok := func(sent time.Duration, post time.Duration) *order {
		s.posted(at(sent), post, 202, nil, false)
		return newOrder("s", at(sent), s.measures(at(sent)))
	}
	warm := ok(time.Second, time.Millisecond)
	a, b, _ := ok(6*time.Second, 2*time.Millisecond), ok(7*time.Second, 4*time.Millisecond), ok(8*time.Second, 6*time.Millisecond)
	s.posted(at(9*time.Second), time.Second, 503, errors.New("busy"), false)
	s.posted(at(9*time.Second), time.Second, 0, errors.New("refused"), false)
	s.posted(at(9*time.Second), time.Second, 0, errors.New("cancelled"), true)
	s.finished(warm, resolution{result: Approved, completedAt: at(2 * time.Second)})
	s.finished(a, resolution{result: Approved, completedAt: at(6*time.Second + 100*time.Millisecond)})
	s.finished(b, resolution{result: Rejected, completedAt: at(7*time.Second + 300*time.Millisecond), viaFallback: true})
	return s
}

func TestReportCountsOnlyMeasuredOrders(t *testing.T) {
	r := sampleStats().report()
	require.Equal(t, int64(1), r.WarmupOrders)
	require.Equal(t, int64(6), r.Sent)
	require.Equal(t, int64(3), r.Accepted)
	require.Equal(t, map[string]int64{"503": 1, "transport": 1}, r.HTTPErrors)
	require.Equal(t, int64(1), r.Cancelled)
	require.Equal(t, [4]int64{2, 1, 1, 0}, [4]int64{r.Completed, r.Approved, r.Rejected, r.Failed})
	require.Equal(t, int64(1), r.Unfinished)
	require.Equal(t, int64(1), r.ViaFallback)
}

func TestReportLatenciesAndThroughput(t *testing.T) {
	r := sampleStats().report()
	require.Equal(t, Latency{Count: 2, P50: 100, P90: 300, P99: 300, Max: 300, Mean: 200}, r.EndToEnd)
	require.Equal(t, Latency{Count: 3, P50: 4, P90: 6, P99: 6, Max: 6, Mean: 4}, r.Post)
	// From the end of the warm-up (5 s) to the last completion (7.3 s).
	require.Equal(t, 2.3, r.WindowSeconds)
	require.Equal(t, 0.87, r.CompletedPerSecond)
}

func TestThroughput(t *testing.T) {
	secs, rate := throughput(300, at(0), at(2*time.Second))
	require.Equal(t, [2]float64{2, 150}, [2]float64{secs, rate})
	secs, rate = throughput(0, at(0), at(time.Second))
	require.Zero(t, secs+rate, "nothing completed")
	secs, rate = throughput(5, at(time.Second), at(0))
	require.Zero(t, secs+rate, "last completion before the window")
}

func TestLatencyNeverNegative(t *testing.T) {
	s := newStats(at(0), 10)
	o := newOrder("s", at(time.Second), true)
	s.finished(o, resolution{result: Approved, completedAt: at(time.Second - time.Millisecond)})
	require.Zero(t, s.report().EndToEnd.Max, "a clock a little behind gives 0, not a negative latency")
}

func TestReportText(t *testing.T) {
	r := sampleStats().report()
	r.RunID, r.Mode, r.Clients, r.WarmupSeconds = "lg-1", ModeClosed, 16, 5
	var buf bytes.Buffer
	require.NoError(t, r.WriteText(&buf))
	out := regexp.MustCompile(` +`).ReplaceAllString(buf.String(), " ")
	for _, want := range []string{
		"load test lg-1: closed loop with 16 clients\n",
		"warm-up 5.0s, 1 orders not counted\n",
		"orders sent 6\n",
		"completed 2 (approved 1, rejected 1, failed 0)\n",
		"unfinished 1\n",
		"via fallback 1 ",
		"HTTP errors 503: 1, transport: 1, cancelled by the interrupt: 1\n",
		"throughput 0.9 completed sagas/s over 2.3s\n",
		"end-to-end p50 100.0ms p90 300.0ms p99 300.0ms max 300.0ms (n=2)\n",
		"POST /orders p50 4.0ms p99 6.0ms max 6.0ms (n=3)\n",
	} {
		require.Contains(t, out, want)
	}
	require.NotContains(t, out, "send lag", "closed loop has no schedule")
}

func TestReportJSON(t *testing.T) {
	r := sampleStats().report()
	r.Mode, r.TargetRate, r.Interrupted = ModeOpen, 300, true
	var buf bytes.Buffer
	require.NoError(t, r.WriteJSON(&buf))
	var got map[string]any
	require.NoError(t, json.Unmarshal(buf.Bytes(), &got))
	require.Equal(t, "open-loop", got["mode"])
	require.Equal(t, 300.0, got["target_rate"])
	require.Equal(t, true, got["interrupted"])
	require.Equal(t, 0.87, got["completed_per_second"])
	require.Equal(t, 300.0, got["end_to_end"].(map[string]any)["p99_ms"])
	require.Equal(t, 1.0, got["http_errors"].(map[string]any)["503"])
}
