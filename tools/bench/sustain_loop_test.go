package main

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/orchestrator/loadgen"
)

// fakeFeed hands out its intervals, then its report (or err).
type fakeFeed struct {
	intervals []loadgen.IntervalReport
	report    *loadgen.Report
	err       error
}

func (f *fakeFeed) next() (*loadgen.IntervalReport, *loadgen.Report, error) {
	if len(f.intervals) > 0 {
		iv := f.intervals[0]
		f.intervals = f.intervals[1:]
		return &iv, nil, nil
	}
	return nil, f.report, f.err
}

// fakeProbe is a machine whose counters grow by the same amounts at every
// probe: 2 s of busy CPU, 0.5 s for the run's backends, 0.25 s for the
// rest of the server and 0.1 s for the orchestrator, with 100 more sagas
// in the table each time.
func fakeProbe() (func(context.Context) (point, error), *int) {
	n := 0
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	return func(context.Context) (point, error) {
		k := uint64(n)
		p := point{sample: sample{at: t0.Add(time.Duration(n) * 3 * time.Second), machine: machineStat{busy: 200 * k, ctxt: 1000 * k},
			groups: map[string]map[int]procStat{
				groupPGRun:     {10: {cpu: 50 * k}},
				groupPGRest:    {11: {cpu: 20 * k, children: 5 * k}},
				"orchestrator": {12: {cpu: 10 * k, ctxsw: 7 * k}},
			}},
			tables: tableSizes{Rows: map[string]int64{"orchestrator.sagas": 100 * int64(n)}, Autovacuum: "off"}}
		n++
		return p, nil
	}, &n
}

func TestSustainLoopProbesAtEveryIntervalAndEmitsItsFigures(t *testing.T) {
	f := &fakeFeed{intervals: []loadgen.IntervalReport{
		{Index: 1, EndSeconds: 3, Completed: 100, CompletedPerSecond: 33.3},
		{Index: 2, StartSeconds: 3, EndSeconds: 6, Completed: 50},
	}, report: &loadgen.Report{Completed: 150}}
	probe, probes := fakeProbe()
	var emitted []int
	start, ivs, rep, err := sustainLoop(context.Background(), f, probe, func(iv interval) { emitted = append(emitted, iv.Load.Index) })
	require.NoError(t, err)
	require.Equal(t, 3, *probes, "once before the first interval, then at the end of each")
	require.Equal(t, []int{1, 2}, emitted)
	require.Equal(t, int64(150), rep.Completed)
	require.Zero(t, start.Rows["orchestrator.sagas"])
	require.Len(t, ivs, 2)

	iv := ivs[0]
	require.Equal(t, 3.0, iv.Seconds)
	require.Equal(t, usage{CPUSeconds: 2, ContextSwitches: 1000}, iv.Machine)
	require.InDelta(t, 20, iv.MachineCPUMS, 1e-9, "2 s over 100 sagas")
	require.InDelta(t, 5, iv.PostgresDBCPUMS, 1e-9, "0.5 s over 100 sagas")
	require.InDelta(t, 2.5, iv.PostgresRestCPUMS, 1e-9, "0.25 s over 100 sagas")
	require.Equal(t, []processUsage{{Name: "orchestrator", usage: usage{CPUSeconds: 0.1, ContextSwitches: 7}},
		{Name: groupPGRun, usage: usage{CPUSeconds: 0.5}}, {Name: groupPGRest, usage: usage{CPUSeconds: 0.25}}}, iv.Processes)
	require.Equal(t, int64(100), iv.Tables.Rows["orchestrator.sagas"], "the tables at the interval's end")
	require.InDelta(t, 40, ivs[1].MachineCPUMS, 1e-9, "half the sagas, the same CPU")
	require.Equal(t, int64(200), ivs[1].Tables.Rows["orchestrator.sagas"])
}

func TestSustainLoopStopsAtAnError(t *testing.T) {
	probe, _ := fakeProbe()
	_, ivs, _, err := sustainLoop(context.Background(), &fakeFeed{intervals: []loadgen.IntervalReport{{Index: 1}},
		err: errors.New("broken pipe")}, probe, func(interval) {})
	require.ErrorContains(t, err, "broken pipe")
	require.Len(t, ivs, 1, "the intervals before it are kept")

	failing := func(context.Context) (point, error) { return point{}, errors.New("no /proc") }
	_, _, _, err = sustainLoop(context.Background(), &fakeFeed{}, failing, func(interval) {})
	require.ErrorContains(t, err, "no /proc")

	_, _, _, err = sustainLoop(context.Background(), &fakeFeed{}, probe, func(interval) {})
	require.ErrorContains(t, err, "neither an interval nor its run")
}

func TestMSPerSagaWithoutSagasIsZero(t *testing.T) {
	require.Zero(t, msPerSaga(3, 0))
	require.Equal(t, 1.5, msPerSaga(0.3, 200))
}

func TestJSONFeedReadsIntervalLinesThenTheReport(t *testing.T) {
	out := `{"interval":{"index":1,"end_seconds":30,"completed":2990,"end_to_end":{"p50_ms":12.5}}}
{"interval":{"index":2,"start_seconds":30,"end_seconds":60,"completed":3010}}
{
  "run_id": "lg-1",
  "mode": "open-loop",
  "completed": 6000
}
`
	f := &jsonFeed{dec: jsonDecoder(out)}
	for i, want := range []int64{2990, 3010} {
		iv, rep, err := f.next()
		require.NoError(t, err)
		require.Nil(t, rep)
		require.Equal(t, i+1, iv.Index)
		require.Equal(t, want, iv.Completed)
	}
	iv, rep, err := f.next()
	require.NoError(t, err)
	require.Nil(t, iv)
	require.Equal(t, loadgen.Report{RunID: "lg-1", Mode: "open-loop", Completed: 6000}, *rep)
	_, _, err = f.next()
	require.ErrorIs(t, err, io.ErrUnexpectedEOF, "the output ended")
}

func TestJSONFeedNamesWhatItCouldNotRead(t *testing.T) {
	_, _, err := (&jsonFeed{dec: jsonDecoder("loadgen: boom")}).next()
	require.ErrorContains(t, err, "reading the load generator's output")
}

func jsonDecoder(s string) *json.Decoder { return json.NewDecoder(strings.NewReader(s)) }
