package main

import (
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

func TestParseFlagsDefaultsToFourRuns(t *testing.T) {
	bin := binFolder(t)
	c, err := parseFlags([]string{"--bin", bin}, io.Discard)
	require.NoError(t, err)
	require.Equal(t, []load{{Rate: 20}, {Rate: 150}, {Rate: 300}, {Clients: 64}}, c.loads)
	require.Equal(t, 20*time.Second, c.duration)
	require.Equal(t, 5*time.Second, c.warmup)
	require.Equal(t, filepath.Join(bin, "loadgen"), c.loadgen)
	require.Equal(t, filepath.Join(bin, "schema.sql"), c.schema)
	require.Less(t, time.Duration(len(c.loads))*(c.duration+c.warmup), 3*time.Minute)

	c, err = parseFlags([]string{"--bin", bin, "--rates", "50", "--clients", "0", "--duration", "5s"}, io.Discard)
	require.NoError(t, err)
	require.Equal(t, []load{{Rate: 50}}, c.loads)
}

func binFolder(t *testing.T) string {
	t.Helper()
	bin := t.TempDir()
	for _, f := range []string{"orchestrator", "inventory", "payment", "loadgen", "schema.sql"} {
		require.NoError(t, os.WriteFile(filepath.Join(bin, f), nil, 0o755))
	}
	return bin
}

func TestParseFlagsDefaultsToOneProcessOnASingleRedis(t *testing.T) {
	c, err := parseFlags([]string{"--bin", binFolder(t)}, io.Discard)
	require.NoError(t, err)
	require.Zero(t, c.cluster)
	require.Equal(t, 1, c.processes)
	require.Equal(t, DefaultRedisURL, c.redisURL)
}

func TestParseFlagsReadsClusterAndProcesses(t *testing.T) {
	c, err := parseFlags([]string{"--bin", binFolder(t), "--cluster", "3", "--processes", "2"}, io.Discard)
	require.NoError(t, err)
	require.Equal(t, 3, c.cluster)
	require.Equal(t, 2, c.processes)
}

func TestParseFlagsRefusesImpossibleScale(t *testing.T) {
	bin := binFolder(t)
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"--cluster", "2"}, "at least 3 masters"},
		{[]string{"--cluster", "-1"}, "at least 3 masters"},
		{[]string{"--processes", "0"}, "at least one process"},
		{[]string{"--cluster", "3", "--redis-url", "redis://127.0.0.1:6379/14"}, "exclude each other"},
	} {
		_, err := parseFlags(append([]string{"--bin", bin}, tc.args...), io.Discard)
		require.ErrorContains(t, err, tc.want, "%v", tc.args)
	}
}

func TestParseFlagsRefusesWhatCannotRun(t *testing.T) {
	_, err := parseFlags(nil, io.Discard)
	require.ErrorContains(t, err, "--bin is required")
	_, err = parseFlags([]string{"--bin", t.TempDir()}, io.Discard)
	require.ErrorContains(t, err, "missing")
	_, err = parseFlags([]string{"--bin", "x", "--rates", "fast"}, io.Discard)
	require.ErrorContains(t, err, "not a positive number")
	_, err = parseFlags([]string{"--bin", "x", "--rates", "", "--clients", "0"}, io.Discard)
	require.ErrorContains(t, err, "no runs")
}
