package config

import (
	"runtime/debug"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestTuneGC(t *testing.T) {
	before := debug.SetGCPercent(100)
	t.Cleanup(func() { debug.SetGCPercent(before) })

	require.Equal(t, GCPercent, TuneGC(func(string) string { return "" }))
	require.Equal(t, GCPercent, debug.SetGCPercent(GCPercent), "no GOGC: the binaries' target")

	debug.SetGCPercent(150) // as the runtime does for GOGC=150
	env := map[string]string{"GOGC": "150"}
	require.Equal(t, 150, TuneGC(func(k string) string { return env[k] }))
	require.Equal(t, 150, debug.SetGCPercent(150), "GOGC set: left as the runtime set it")
}
