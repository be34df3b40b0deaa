package main

import (
	"context"
	"errors"
	"slices"

	"github.com/streamsaga/streamsaga/orchestrator/loadgen"
)

// feed yields what the load generator reports during a sustained run:
// each interval as it ends (rep nil), then the whole run (iv nil).
type feed interface {
	next() (iv *loadgen.IntervalReport, rep *loadgen.Report, err error)
}

// point is what a sustained run reads at an interval's boundary: the
// processes' counters, then the hot tables.
type point struct {
	sample sample
	tables tableSizes
}

// interval is one interval of a sustained run: the load generator's
// figures and what the machine, the processes and the tables show.
type interval struct {
	Load loadgen.IntervalReport `json:"load"`
	// Seconds is the sampled window, from the boundary before to this
	// one as the bench saw them.
	Seconds float64 `json:"seconds"`
	Machine usage   `json:"machine"`
	// The CPU milliseconds per saga ended in the interval: of the whole
	// machine, of the run's database's backends (the bench's own left
	// out), and of the rest of the PostgreSQL server (postmaster,
	// checkpointer, WAL writer, autovacuum, backends that exited, and
	// other databases' backends).
	MachineCPUMS      float64        `json:"machine_cpu_ms_per_saga"`
	PostgresDBCPUMS   float64        `json:"postgres_database_cpu_ms_per_saga"`
	PostgresRestCPUMS float64        `json:"postgres_rest_cpu_ms_per_saga"`
	Processes         []processUsage `json:"processes"`
	Tables            tableSizes     `json:"tables"`
}

// sustainLoop reads the generator's intervals until its report. It
// probes once before the first interval and again at the end of each,
// and hands each interval's figures to emit as it ends.
func sustainLoop(ctx context.Context, f feed, probe func(context.Context) (point, error), emit func(interval)) (start tableSizes, ivs []interval, rep loadgen.Report, err error) {
	before, err := probe(ctx)
	if err != nil {
		return start, nil, rep, err
	}
	start = before.tables
	for {
		iv, r, err := f.next()
		switch {
		case err != nil:
			return start, ivs, rep, err
		case r != nil:
			return start, ivs, *r, nil
		case iv == nil:
			return start, ivs, rep, errors.New("the load generator reported neither an interval nor its run")
		}
		after, err := probe(ctx)
		if err != nil {
			return start, ivs, rep, err
		}
		ivs = append(ivs, newInterval(*iv, before, after))
		emit(ivs[len(ivs)-1])
		before = after
	}
}

// newInterval is the figures of the interval iv from before to after.
func newInterval(iv loadgen.IntervalReport, before, after point) interval {
	out := interval{Load: iv, Seconds: after.sample.at.Sub(before.sample.at).Seconds(),
		Machine: machineUsage(before.sample, after.sample), Tables: after.tables}
	cpu := map[string]float64{}
	for _, n := range append(slices.Clone(serviceNames), groupLoadgen, groupPGRun, groupPGRest, groupRedis) {
		if _, ok := after.sample.groups[n]; !ok {
			continue
		}
		u := groupUsage(before.sample, after.sample, n)
		out.Processes = append(out.Processes, processUsage{Name: n, usage: u})
		cpu[n] = u.CPUSeconds
	}
	out.MachineCPUMS = msPerSaga(out.Machine.CPUSeconds, iv.Completed)
	out.PostgresDBCPUMS = msPerSaga(cpu[groupPGRun], iv.Completed)
	out.PostgresRestCPUMS = msPerSaga(cpu[groupPGRest], iv.Completed)
	return out
}

// msPerSaga is seconds in milliseconds per saga, 0 without sagas.
func msPerSaga(seconds float64, sagas int64) float64 {
	if sagas == 0 {
		return 0
	}
	return 1000 * seconds / float64(sagas)
}
