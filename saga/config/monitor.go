package config

import (
	"errors"
	"fmt"
	"time"
)

// DefaultMonitorSlack is the timer slack the binaries give the Go runtime's
// monitor thread (sysmon) when RUNTIME_MONITOR_SLACK is unset.
//
// While any goroutine runs, sysmon sleeps 20 µs at a time, and every
// system call a goroutine makes after a quiet moment wakes it again. At a
// light load, where each message is handled alone, that is a wake-up and a
// context switch of its own about every 70 µs of work: at 150 sagas/s
// about two fifths of the context switches of the four Go processes of an
// order saga.
// With a slack of 1 ms the kernel may let each of those sleeps run up to
// 1 ms, so the monitor wakes about once a millisecond instead. Its work is
// not urgent: it takes a processor back from a goroutine blocked in a
// system call (the services' I/O is non-blocking) and asks goroutines
// running for over 10 ms to yield. The other threads keep the kernel's
// default slack (50 µs), so timers and the scheduler's own short sleeps
// are as before.
const DefaultMonitorSlack = time.Millisecond

// maxMonitorSlack bounds RUNTIME_MONITOR_SLACK: beyond it the monitor's
// checks (a goroutine stuck in a system call keeps its processor until the
// next one) would be late enough to be seen.
const maxMonitorSlack = 10 * time.Millisecond

// errMonitorSlackRefused reports that the kernel did not let the process
// set its monitor thread's timer slack (it needs CAP_SYS_NICE to set
// another thread's, which root has) or that the system has no such
// setting (Linux only).
var errMonitorSlackRefused = errors.New("the monitor thread's timer slack could not be set")

// TuneMonitor sets the timer slack of the Go runtime's monitor thread to
// getenv("RUNTIME_MONITOR_SLACK") (default DefaultMonitorSlack; 0 leaves
// it at the kernel's default) and returns the slack in effect, 0 when it
// was left alone. A value that is not a duration from 0 to 10ms is an
// error. When the process may not set it (see errMonitorSlackRefused),
// the default is dropped silently, while an explicit value is an error
// that names why; the process runs on unchanged either way.
func TuneMonitor(getenv func(string) string) (time.Duration, error) {
	d, explicit, err := monitorSlack(getenv("RUNTIME_MONITOR_SLACK"))
	if err != nil || d == 0 {
		return 0, err
	}
	if err := setMonitorSlack(d); err != nil {
		if !explicit {
			return 0, nil
		}
		return 0, fmt.Errorf("RUNTIME_MONITOR_SLACK=%s: %w: %w", d, errMonitorSlackRefused, err)
	}
	return d, nil
}

// monitorSlack parses RUNTIME_MONITOR_SLACK; explicit tells whether it was
// set.
func monitorSlack(v string) (d time.Duration, explicit bool, err error) {
	if v == "" {
		return DefaultMonitorSlack, false, nil
	}
	if v == "0" {
		return 0, true, nil
	}
	d, err = time.ParseDuration(v)
	if err != nil || d < 0 || d > maxMonitorSlack {
		return 0, true, fmt.Errorf("RUNTIME_MONITOR_SLACK %q is not a duration from 0 to %s such as 1ms", v, maxMonitorSlack)
	}
	return d, true, nil
}
