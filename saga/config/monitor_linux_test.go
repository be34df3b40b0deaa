package config

import (
	"errors"
	"fmt"
	"os"
	"runtime"
	"strconv"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

func TestFirstThreadAfterFollowsTheKernelsOrder(t *testing.T) {
	tid, ok := firstThreadAfter(100, []int{100, 104, 101, 230}, 4194304)
	require.True(t, ok)
	require.Equal(t, 101, tid)

	tid, ok = firstThreadAfter(32760, []int{32760, 3, 32766, 300}, 32768)
	require.True(t, ok)
	require.Equal(t, 32766, tid, "ids wrap at pid_max: 32766 came before 3")

	tid, ok = firstThreadAfter(32760, []int{32760, 3, 300}, 32768)
	require.True(t, ok)
	require.Equal(t, 3, tid)

	_, ok = firstThreadAfter(7, []int{7}, 32768)
	require.False(t, ok)
}

// The thread TuneMonitor changes is the runtime's monitor (the one thread
// that sleeps in nanosleep while a goroutine runs), and it is the only one
// changed.
func TestTuneMonitorSetsTheSlackOfTheMonitorThreadOnly(t *testing.T) {
	tid, err := monitorThread()
	require.NoError(t, err)
	before := threadSlacks(t)
	t.Cleanup(func() { _ = os.WriteFile(slackPath(tid), []byte(strconv.Itoa(before[tid])), 0) })

	d, err := TuneMonitor(func(string) string { return "2ms" })
	if errors.Is(err, syscall.EPERM) || errors.Is(err, os.ErrPermission) {
		t.Skipf("this process may not set another thread's timer slack: %v", err)
	}
	require.NoError(t, err)
	require.Equal(t, 2*time.Millisecond, d)

	after := threadSlacks(t)
	require.Equal(t, 2000000, after[tid])
	for other, slack := range after {
		if other != tid && before[other] != 0 {
			require.Equal(t, before[other], slack, "thread %d", other)
		}
	}
	require.True(t, sleepsWhileAGoroutineRuns(t, tid), "thread %d never seen in nanosleep: not the monitor", tid)
}

func slackPath(tid int) string { return fmt.Sprintf("/proc/%d/timerslack_ns", tid) }

// threadSlacks maps each thread of the process to its timer slack.
func threadSlacks(t *testing.T) map[int]int {
	entries, err := os.ReadDir("/proc/self/task")
	require.NoError(t, err)
	slacks := map[int]int{}
	for _, e := range entries {
		tid, _ := strconv.Atoi(e.Name())
		if b, err := os.ReadFile(slackPath(tid)); err == nil {
			slacks[tid], _ = strconv.Atoi(strings.TrimSpace(string(b)))
		}
	}
	return slacks
}

// sleepsWhileAGoroutineRuns samples the system call thread tid is in while
// a goroutine spins, and reports whether it was ever nanosleep.
func sleepsWhileAGoroutineRuns(t *testing.T, tid int) bool {
	var stop atomic.Bool
	defer stop.Store(true)
	go func() {
		runtime.LockOSThread()
		for !stop.Load() {
		}
	}()
	path := fmt.Sprintf("/proc/%d/syscall", tid)
	for deadline := time.Now().Add(2 * time.Second); time.Now().Before(deadline); {
		b, err := os.ReadFile(path)
		require.NoError(t, err)
		if strings.HasPrefix(string(b), strconv.Itoa(syscall.SYS_NANOSLEEP)+" ") {
			return true
		}
		time.Sleep(time.Millisecond)
	}
	return false
}
