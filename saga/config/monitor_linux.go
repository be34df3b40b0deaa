package config

import (
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"
)

// setMonitorSlack writes d to the timer slack of the runtime's monitor
// thread (/proc/TID/timerslack_ns).
func setMonitorSlack(d time.Duration) error {
	tid, err := monitorThread()
	if err != nil {
		return err
	}
	path := fmt.Sprintf("/proc/%d/timerslack_ns", tid)
	if err := os.WriteFile(path, []byte(strconv.FormatInt(d.Nanoseconds(), 10)), 0); err != nil {
		return fmt.Errorf("set the timer slack of thread %d: %w", tid, err)
	}
	return nil
}

// monitorThread finds the thread sysmon runs on: the runtime starts it
// before any other thread, so its id follows the process's own first.
func monitorThread() (int, error) {
	entries, err := os.ReadDir("/proc/self/task")
	if err != nil {
		return 0, fmt.Errorf("list the process's threads: %w", err)
	}
	tids := make([]int, 0, len(entries))
	for _, e := range entries {
		if tid, err := strconv.Atoi(e.Name()); err == nil {
			tids = append(tids, tid)
		}
	}
	pidMax := 1 << 22 // the kernel's largest pid_max
	if b, err := os.ReadFile("/proc/sys/kernel/pid_max"); err == nil {
		if n, err := strconv.Atoi(strings.TrimSpace(string(b))); err == nil && n > 0 {
			pidMax = n
		}
	}
	tid, ok := firstThreadAfter(os.Getpid(), tids, pidMax)
	if !ok {
		return 0, fmt.Errorf("the process has no thread besides its main one")
	}
	return tid, nil
}

// firstThreadAfter returns, of tids, the id allocated first after pid's:
// the kernel hands ids out in increasing order, wrapping at pidMax.
func firstThreadAfter(pid int, tids []int, pidMax int) (int, bool) {
	best, bestGap := 0, -1
	for _, tid := range tids {
		if tid == pid {
			continue
		}
		gap := ((tid-pid)%pidMax + pidMax) % pidMax
		if bestGap < 0 || gap < bestGap {
			best, bestGap = tid, gap
		}
	}
	return best, bestGap >= 0
}
