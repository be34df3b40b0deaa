package main

import (
	"bytes"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/orchestrator/loadgen"
)

func sampleInterval(i int, rate, p50, p99 float64) interval {
	return interval{Load: loadgen.IntervalReport{Index: i, StartSeconds: float64(30 * (i - 1)), EndSeconds: float64(30 * i),
		CompletedPerSecond: rate, EndToEnd: loadgen.Latency{P50: p50, P90: p50 * 2, P99: p99}, HTTPErrors: 2},
		MachineCPUMS: 9.876, PostgresDBCPUMS: 4.321, PostgresRestCPUMS: 0.5,
		Tables: tableSizes{Rows: map[string]int64{"orchestrator.sagas": 3000, "orchestrator.saga_history": 21000,
			"orchestrator.outbox": 3, "orchestrator.inbox": 6000, "inventory.inbox": 3001, "payment.inbox": 3002,
			"inventory.barrier": 3003, "payment.barrier": 3004},
			Bytes:      map[string]int64{"orchestrator.sagas": 3 << 20, "orchestrator.saga_history": 5 << 19},
			Autovacuum: "off"}}
}

func TestCompareTheFirstIntervalWithTheLast(t *testing.T) {
	c := compare([]interval{sampleInterval(1, 100, 10, 40), sampleInterval(2, 50, 0, 0), sampleInterval(3, 90, 15, 60)})
	require.Equal(t, 1, c.First.Index)
	require.Equal(t, 3, c.Last.Index)
	require.Equal(t, intervalFigures{Index: 3, StartSeconds: 60, EndSeconds: 90, CompletedPerSecond: 90, P50: 15, P99: 60}, c.Last)
	require.InDelta(t, 0.9, c.RateRatio, 1e-9)
	require.InDelta(t, 1.5, c.P50Ratio, 1e-9)
	require.InDelta(t, 1.5, c.P99Ratio, 1e-9)

	c = compare([]interval{sampleInterval(1, 0, 0, 0), sampleInterval(2, 10, 5, 5)})
	require.Zero(t, c.RateRatio+c.P50Ratio+c.P99Ratio, "nothing to compare with")
	require.Equal(t, comparison{}, compare(nil))
}

func TestIntervalLineLinesUpWithItsHeader(t *testing.T) {
	var buf bytes.Buffer
	writeIntervalHeader(&buf)
	writeInterval(&buf, sampleInterval(3, 99.95, 12.34, 56.78))
	lines := strings.Split(strings.TrimRight(buf.String(), "\n"), "\n")
	header, row := lines[len(lines)-2], lines[len(lines)-1]
	require.Equal(t, len(header), len(row))
	require.Equal(t, []string{"1m30s", "100.0", "12.3", "24.7", "56.8", "2", "9.88", "4.32", "0.50", "3000", "21000", "3", "6000",
		"3001", "3002", "3003", "3004", "3.0", "2.5", "off"}, strings.Fields(row))
}

func TestSustainedSummary(t *testing.T) {
	s := sustained{Bin: "bin", Redis: "single", Processes: 1, Rate: 100, Seconds: 180, IntervalSeconds: 30,
		ServiceEnv: []string{"SAGA_RETENTION=1h"}, Database: "streamsaga_bench_sustained_1",
		Intervals: []interval{sampleInterval(1, 100, 10, 40), sampleInterval(6, 98, 12, 50)},
		Report: loadgen.Report{Sent: 18000, Completed: 17990, Unfinished: 10, HTTPErrors: map[string]int64{"503": 2, "transport": 1},
			EndToEnd: loadgen.Latency{P50: 11, P99: 45, Max: 300}}, Autovacuum: "off"}
	s.Comparison = compare(s.Intervals)
	var buf bytes.Buffer
	writeSustained(&buf, s)
	out := regexp.MustCompile(` +`).ReplaceAllString(buf.String(), " ")
	for _, want := range []string{
		"== sustained open loop 100/s for 3m0s, intervals of 30s (bin; Redis: single; 1 process(es) of each service)\n",
		" first interval (0s-30s) 100.0 10.0 40.0\n",
		" last interval (2m30s-3m0s) 98.0 12.0 50.0\n",
		" last / first 0.98 1.20 1.25\n",
		"whole run: 18000 orders sent, 17990 sagas completed, 10 unfinished, 3 HTTP errors; end-to-end p50 11.0 ms p99 45.0 ms max 300.0 ms\n",
		"service environment: SAGA_RETENTION=1h; database streamsaga_bench_sustained_1 (dropped)\n",
		"PostgreSQL: autovacuum off;",
	} {
		require.Contains(t, out, want)
	}
}

func TestElapsedRoundsToTheSecond(t *testing.T) {
	require.Equal(t, "1m30s", elapsed(90.4))
	require.Equal(t, "0s", elapsed(0))
	require.Equal(t, "30m0s", elapsed(1800))
}
