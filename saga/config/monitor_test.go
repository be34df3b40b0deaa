package config

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

func TestMonitorSlackReadsRuntimeMonitorSlack(t *testing.T) {
	for v, want := range map[string]time.Duration{"": DefaultMonitorSlack, "0": 0, "250us": 250 * time.Microsecond, "10ms": 10 * time.Millisecond} {
		d, explicit, err := monitorSlack(v)
		require.NoError(t, err, v)
		require.Equal(t, want, d, v)
		require.Equal(t, v != "", explicit, v)
	}
	for _, v := range []string{"11ms", "-1ms", "1", "soon"} {
		_, _, err := monitorSlack(v)
		require.ErrorContains(t, err, "RUNTIME_MONITOR_SLACK \""+v+"\" is not a duration from 0 to 10ms", v)
	}
}

func TestTuneMonitorRefusesABadValueAndLeavesZeroAlone(t *testing.T) {
	_, err := TuneMonitor(func(string) string { return "1s" })
	require.ErrorContains(t, err, "RUNTIME_MONITOR_SLACK")
	d, err := TuneMonitor(func(string) string { return "0" })
	require.NoError(t, err)
	require.Zero(t, d)
}
