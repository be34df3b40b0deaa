package main

import (
	"context"
	"time"
)

// sample is the machine's counters and those of each group of processes
// at one moment.
type sample struct {
	at      time.Time
	machine machineStat
	groups  map[string]map[int]procStat
	// counters are each service's counted /metrics series.
	counters map[string]map[string]float64
}

// groupSource lists the processes of one group at the moment of a sample.
type groupSource struct {
	name string
	pids func(ctx context.Context) ([]int, error)
}

// fixedPIDs is a group of processes known in advance.
func fixedPIDs(name string, pids ...int) groupSource {
	return groupSource{name: name, pids: func(context.Context) ([]int, error) { return pids, nil }}
}

// takeSample reads /proc for the machine and every group, and the
// counted series of every service (added up over its processes); a process that has gone meanwhile is
// left out of its group.
func takeSample(ctx context.Context, procRoot string, sources []groupSource, services []*process) (sample, error) {
	m, err := readMachine(procRoot)
	if err != nil {
		return sample{}, err
	}
	s := sample{at: time.Now(), machine: m, groups: map[string]map[int]procStat{}, counters: map[string]map[string]float64{}}
	for _, src := range sources {
		pids, err := src.pids(ctx)
		if err != nil {
			return sample{}, err
		}
		g := map[int]procStat{}
		for _, pid := range pids {
			if st, err := readProc(procRoot, pid); err == nil {
				g[pid] = st
			}
		}
		s.groups[src.name] = g
	}
	for _, p := range services {
		series, err := scrape(ctx, p.url())
		if err != nil {
			return sample{}, err
		}
		addSeries(s.counters, p.name, series)
	}
	return s, nil
}

// addSeries adds one process's series to those of its service.
func addSeries(counters map[string]map[string]float64, service string, series map[string]float64) {
	if counters[service] == nil {
		counters[service] = map[string]float64{}
	}
	for k, v := range series {
		counters[service][k] += v
	}
}

// countersPerSaga is each service's counted series, by counterName, from
// before to after divided by sagas, and their sum over the services under
// "all".
func countersPerSaga(before, after sample, sagas int64) map[string]map[string]float64 {
	out := map[string]map[string]float64{"all": {}}
	for proc, series := range after.counters {
		out[proc] = map[string]float64{}
		for k, v := range series {
			d := (v - before.counters[proc][k]) / float64(max(sagas, 1))
			out[proc][counterName(k)] += d
			out["all"][counterName(k)] += d
		}
	}
	return out
}

// usage is what a process or a group used between two samples.
type usage struct {
	// CPUSeconds is user plus system time, reaped children included.
	CPUSeconds float64 `json:"cpu_seconds"`
	// ContextSwitches counts voluntary and involuntary switches.
	ContextSwitches uint64 `json:"context_switches"`
}

// groupUsage is what the group name used from before to after: for a
// process in both samples the difference, for one that started in
// between all it used. A process that ended in between is lost, unless
// its parent in the group reaped it (its time then counts as the parent's
// children's).
func groupUsage(before, after sample, name string) usage {
	var ticks, switches uint64
	prev := before.groups[name]
	for pid, a := range after.groups[name] {
		b := prev[pid]
		ticks += sub(a.cpu+a.children, b.cpu+b.children)
		switches += sub(a.ctxsw, b.ctxsw)
	}
	return usage{CPUSeconds: float64(ticks) / clockTicks, ContextSwitches: switches}
}

// machineUsage is the whole machine's busy CPU time and context switches
// from before to after.
func machineUsage(before, after sample) usage {
	return usage{CPUSeconds: float64(sub(after.machine.busy, before.machine.busy)) / clockTicks,
		ContextSwitches: sub(after.machine.ctxt, before.machine.ctxt)}
}

// sub is a-b, or 0 when a counter went backwards (a reused process id).
func sub(a, b uint64) uint64 {
	if a < b {
		return 0
	}
	return a - b
}
