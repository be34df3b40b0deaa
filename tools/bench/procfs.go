package main

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// clockTicks is USER_HZ, the unit of the CPU times in /proc: 100 on every
// Linux architecture this runs on.
const clockTicks = 100

// machineStat is the whole machine's counters from /proc/stat.
type machineStat struct {
	// busy is the CPU time of every core outside idle and iowait, in ticks.
	busy uint64
	// ctxt counts context switches since boot.
	ctxt uint64
}

// readMachine reads /proc/stat.
func readMachine(procRoot string) (machineStat, error) {
	f, err := os.Open(filepath.Join(procRoot, "stat"))
	if err != nil {
		return machineStat{}, fmt.Errorf("reading machine counters: %w", err)
	}
	defer f.Close()
	return parseMachine(bufio.NewScanner(f))
}

func parseMachine(sc *bufio.Scanner) (machineStat, error) {
	var m machineStat
	var sawCPU, sawCtxt bool
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		if len(fields) < 2 {
			continue
		}
		var err error
		switch fields[0] {
		case "cpu":
			m.busy, err = busyTicks(fields[1:])
			sawCPU = true
		case "ctxt":
			m.ctxt, err = strconv.ParseUint(fields[1], 10, 64)
			sawCtxt = true
		}
		if err != nil {
			return m, fmt.Errorf("parsing /proc/stat line %q: %w", sc.Text(), err)
		}
	}
	if err := sc.Err(); err != nil {
		return m, fmt.Errorf("reading /proc/stat: %w", err)
	}
	if !sawCPU || !sawCtxt {
		return m, fmt.Errorf("/proc/stat has no cpu or ctxt line")
	}
	return m, nil
}

// busyTicks adds up user, nice, system, irq, softirq and steal: every
// column of the cpu line but idle and iowait (guest time is counted in
// user already).
func busyTicks(cols []string) (uint64, error) {
	if len(cols) < 8 {
		return 0, fmt.Errorf("%d columns, want at least 8", len(cols))
	}
	var sum uint64
	for i, c := range cols[:8] {
		if i == 3 || i == 4 { // idle, iowait
			continue
		}
		v, err := strconv.ParseUint(c, 10, 64)
		if err != nil {
			return 0, err
		}
		sum += v
	}
	return sum, nil
}

// procStat is one process's counters.
type procStat struct {
	// cpu is utime+stime of every thread, in ticks; children adds the
	// cutime+cstime of the children it has reaped.
	cpu, children uint64
	// ctxsw counts the voluntary and involuntary context switches of its
	// threads alive now.
	ctxsw uint64
}

// readProc reads /proc/PID/stat and the status of each of its threads.
func readProc(procRoot string, pid int) (procStat, error) {
	dir := filepath.Join(procRoot, strconv.Itoa(pid))
	b, err := os.ReadFile(filepath.Join(dir, "stat"))
	if err != nil {
		return procStat{}, fmt.Errorf("reading counters of process %d: %w", pid, err)
	}
	st, err := parseProcStat(string(b))
	if err != nil {
		return st, fmt.Errorf("process %d: %w", pid, err)
	}
	st.ctxsw = threadSwitches(dir)
	return st, nil
}

// parseProcStat reads utime, stime, cutime and cstime (fields 14 to 17)
// of a /proc/PID/stat line; the command name in parentheses may hold
// spaces, so fields are counted after its closing parenthesis.
func parseProcStat(line string) (procStat, error) {
	end := strings.LastIndexByte(line, ')')
	if end < 0 {
		return procStat{}, fmt.Errorf("stat line %q has no command name", line)
	}
	fields := strings.Fields(line[end+1:])
	// fields[0] is field 3 (state): field n is fields[n-3].
	if len(fields) < 15 {
		return procStat{}, fmt.Errorf("stat line has %d fields after the name, want 15", len(fields))
	}
	var v [4]uint64
	for i := range v {
		n, err := strconv.ParseUint(fields[11+i], 10, 64)
		if err != nil {
			return procStat{}, fmt.Errorf("stat field %d: %w", 14+i, err)
		}
		v[i] = n
	}
	return procStat{cpu: v[0] + v[1], children: v[2] + v[3]}, nil
}

// threadSwitches adds up the context switches of pid's threads alive now;
// 0 when they cannot be read.
func threadSwitches(dir string) uint64 {
	tasks, _ := filepath.Glob(filepath.Join(dir, "task", "*", "status"))
	var sum uint64
	for _, t := range tasks {
		b, err := os.ReadFile(t)
		if err == nil {
			sum += parseSwitches(string(b))
		}
	}
	return sum
}

// parseSwitches reads voluntary_ctxt_switches and
// nonvoluntary_ctxt_switches from a status file.
func parseSwitches(status string) uint64 {
	var sum uint64
	for line := range strings.Lines(status) {
		name, value, ok := strings.Cut(line, ":")
		if ok && (name == "voluntary_ctxt_switches" || name == "nonvoluntary_ctxt_switches") {
			n, _ := strconv.ParseUint(strings.TrimSpace(value), 10, 64)
			sum += n
		}
	}
	return sum
}

// pidsNamed lists the processes whose command name (/proc/PID/comm) is
// name.
func pidsNamed(procRoot, name string) []int {
	entries, _ := os.ReadDir(procRoot)
	var pids []int
	for _, e := range entries {
		pid, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		b, err := os.ReadFile(filepath.Join(procRoot, e.Name(), "comm"))
		if err == nil && strings.TrimSpace(string(b)) == name {
			pids = append(pids, pid)
		}
	}
	return pids
}
