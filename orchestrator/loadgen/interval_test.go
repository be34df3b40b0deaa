package loadgen

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

func TestAWindowCountsEveryOrderOfItsInterval(t *testing.T) {
	s := sampleStats() // the warm-up order is in the window too
	r := s.cut().report(1, at(0), at(0), at(10*time.Second), 1)
	require.Equal(t, IntervalReport{Index: 1, StartSeconds: 0, EndSeconds: 10, Sent: 7, Accepted: 4, HTTPErrors: 2,
		Completed: 3, Approved: 2, Rejected: 1, ViaFallback: 1, InFlight: 1, CompletedPerSecond: 0.3,
		EndToEnd: Latency{Count: 3, P50: 300, P90: 1000, P99: 1000, Max: 1000, Mean: 466.667},
		Post:     Latency{Count: 4, P50: 2, P90: 6, P99: 6, Max: 6, Mean: 3.25}}, r)

	empty := s.cut().report(2, at(0), at(10*time.Second), at(20*time.Second), 0)
	require.Zero(t, empty.Sent+empty.Completed, "cut starts a new window")
	require.Equal(t, [2]float64{10, 20}, [2]float64{empty.StartSeconds, empty.EndSeconds})
	require.Equal(t, int64(6), s.report().Sent, "the run's report is not cut")
}

func TestIntervalsFollowOneAnotherUpToTheEndOfSending(t *testing.T) {
	st := newStats(time.Time{}, 10)
	tr := newTracker(st.finished)
	var got []IntervalReport
	start := time.Now().Add(-3500 * time.Millisecond)
	iv := &intervals{stats: st, tracker: tr, start: start, every: time.Second, end: start.Add(3 * time.Second),
		write: func(r IntervalReport) { got = append(got, r) }}
	st.posted(start, time.Millisecond, 0, errors.New("refused"), false)
	iv.run(context.Background()) // every boundary before the end has passed: returns at once
	require.Len(t, got, 2, "no interval is cut at the end of sending")
	iv.last()
	require.Len(t, got, 3)
	for i, r := range got {
		require.Equal(t, i+1, r.Index)
		require.Equal(t, float64(i), r.StartSeconds)
	}
	require.Equal(t, [2]float64{1, 2}, [2]float64{got[0].EndSeconds, got[1].EndSeconds})
	require.GreaterOrEqual(t, got[2].EndSeconds, 3.5, "the last interval ends when it is cut")
	require.Equal(t, int64(1), got[0].HTTPErrors)
}

func TestIntervalsStopWithTheirContext(t *testing.T) {
	st := newStats(time.Time{}, 10)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	n := 0
	(&intervals{stats: st, tracker: newTracker(st.finished), start: time.Now(), every: time.Hour,
		write: func(IntervalReport) { n++ }}).run(ctx)
	require.Zero(t, n)
}

func TestIntervalWriterWritesJSONLinesOrText(t *testing.T) {
	r := IntervalReport{Index: 2, StartSeconds: 30, EndSeconds: 60, Sent: 3000, Completed: 2990, CompletedPerSecond: 99.667,
		InFlight: 4, EndToEnd: Latency{P50: 12.3, P90: 20, P99: 41.5, Max: 90}}
	var buf bytes.Buffer
	con := newConsole(&buf)
	intervalWriter(&buf, true, con)(r)
	intervalWriter(&buf, true, con)(r)
	lines := strings.Split(strings.TrimSpace(buf.String()), "\n")
	require.Len(t, lines, 2, "one line each")
	var got struct {
		Interval IntervalReport `json:"interval"`
	}
	require.NoError(t, json.Unmarshal([]byte(lines[0]), &got))
	require.Equal(t, r, got.Interval)

	buf.Reset()
	intervalWriter(&buf, false, con)(r)
	require.Equal(t, "interval 2 (30-60s): sent 3000, completed 2990 (99.7/s), end-to-end p50 12.3ms p90 20.0ms p99 41.5ms max 90.0ms, in flight 4, HTTP errors 0\n", buf.String())
}
