package main

import (
	"bufio"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestParseMachineAddsBusyColumnsAndReadsSwitches(t *testing.T) {
	stat := "cpu  100 5 50 9000 40 3 2 1 0 0\ncpu0 50 2 25 4500 20 1 1 0 0 0\nintr 1 2 3\nctxt 123456\nbtime 1\n"
	m, err := parseMachine(bufio.NewScanner(strings.NewReader(stat)))
	require.NoError(t, err)
	require.Equal(t, uint64(100+5+50+3+2+1), m.busy, "idle and iowait are left out")
	require.Equal(t, uint64(123456), m.ctxt)

	_, err = parseMachine(bufio.NewScanner(strings.NewReader("cpu 1 2 3 4 5 6 7 8\n")))
	require.ErrorContains(t, err, "no cpu or ctxt line")
}

func TestParseProcStatCountsFieldsAfterTheName(t *testing.T) {
	// A command name with spaces and a parenthesis, as /proc shows it.
	line := "4242 (my (odd) name) S 1 4242 4242 0 -1 4194560 500 0 0 0 70 30 4 6 20 0 9 0 100 1000 200"
	st, err := parseProcStat(line)
	require.NoError(t, err)
	require.Equal(t, uint64(100), st.cpu, "utime 70 + stime 30")
	require.Equal(t, uint64(10), st.children, "cutime 4 + cstime 6")

	_, err = parseProcStat("4242 (short) S 1 2")
	require.Error(t, err)
}

func TestReadProcAddsEveryThreadsSwitches(t *testing.T) {
	root := t.TempDir()
	dir := filepath.Join(root, "7")
	for tid, status := range map[string]string{
		"7": "Name:\tx\nvoluntary_ctxt_switches:\t10\nnonvoluntary_ctxt_switches:\t2\n",
		"8": "Name:\tx\nvoluntary_ctxt_switches:\t5\nnonvoluntary_ctxt_switches:\t1\n",
	} {
		require.NoError(t, os.MkdirAll(filepath.Join(dir, "task", tid), 0o755))
		require.NoError(t, os.WriteFile(filepath.Join(dir, "task", tid, "status"), []byte(status), 0o644))
	}
	require.NoError(t, os.WriteFile(filepath.Join(dir, "stat"), []byte("7 (x) S 1 7 7 0 -1 0 0 0 0 0 3 4 0 0 20 0 2 0 1 1 1"), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "comm"), []byte("x\n"), 0o644))

	st, err := readProc(root, 7)
	require.NoError(t, err)
	require.Equal(t, procStat{cpu: 7, ctxsw: 18}, st)
	require.Equal(t, []int{7}, pidsNamed(root, "x"))
	require.Empty(t, pidsNamed(root, "y"))
}

func TestGroupUsageCountsNewProcessesWhole(t *testing.T) {
	before := sample{groups: map[string]map[int]procStat{"g": {1: {cpu: 100, ctxsw: 10}, 2: {cpu: 50}}}}
	after := sample{groups: map[string]map[int]procStat{"g": {1: {cpu: 150, children: 20, ctxsw: 30}, 3: {cpu: 30, ctxsw: 5}}}}
	u := groupUsage(before, after, "g")
	require.InDelta(t, (50+20+30)/float64(clockTicks), u.CPUSeconds, 1e-9)
	require.Equal(t, uint64(25), u.ContextSwitches)
}
