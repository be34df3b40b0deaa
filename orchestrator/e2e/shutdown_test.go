package e2e

import (
	"context"
	"encoding/json"
	"math/rand/v2"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// gracePeriod is how long a service may take to exit after SIGTERM.
const gracePeriod = 10 * time.Second

// TestGracefulShutdownLosesNothing sends SIGTERM to each service in turn
// while orders are in flight. Each exits within gracePeriod with status 0
// after logging its shutdown, and once all are restarted every order settles
// with stock and money adding up.
func TestGracefulShutdownLosesNothing(t *testing.T) {
	s := startSystem(t)
	stock, balances := scarce()
	w := newWorkload(s, t, stock, balances)
	rng := rand.New(rand.NewPCG(5, 6))
	for _, p := range []*proc{s.pay, s.inv, s.orch} {
		w.placeRandom(s, t, 8, rng)
		requireGracefulStop(t, p)
	}
	for _, p := range []*proc{s.orch, s.inv, s.pay} {
		p.start(t)
	}
	w.check(s, t, 15*time.Second)
}

// requireGracefulStop sends SIGTERM to p and asserts it exits in time, with
// status 0 and a clean shutdown in its log.
func requireGracefulStop(t *testing.T, p *proc) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), gracePeriod)
	defer cancel()
	took, err := p.stop(ctx)
	require.NoError(t, err, "log:\n%s", tail(p.log))
	require.Equal(t, 0, p.cmd.ProcessState.ExitCode(), "%s exit status; log:\n%s", p.name, tail(p.log))
	requireShutdownLogged(t, p)
	t.Logf("%s exited %s after SIGTERM", p.name, took.Round(time.Millisecond))
}

// requireShutdownLogged asserts that the last run's log has a "shutting
// down" line followed only by JSON lines below warning level, the final one
// saying what stopped: no errors, no stack trace.
func requireShutdownLogged(t *testing.T, p *proc) {
	t.Helper()
	lines := lastRun(t, p.log)
	at := -1
	for i, l := range lines {
		if l["msg"] == "shutting down" {
			at = i
		}
	}
	require.GreaterOrEqual(t, at, 0, "%s logged no shutdown; log:\n%s", p.name, tail(p.log))
	for _, l := range lines[at:] {
		require.Contains(t, []any{"debug", "info"}, l["level"], "%s after shutdown: %v", p.name, l)
	}
	last, _ := lines[len(lines)-1]["msg"].(string)
	require.True(t, strings.HasSuffix(last, "stopped"), "%s's final log line: %q", p.name, last)
}

// lastRun parses the log lines since the process last logged "started";
// every line must be a JSON object.
func lastRun(t *testing.T, path string) []map[string]any {
	t.Helper()
	raw, err := os.ReadFile(path)
	require.NoError(t, err)
	var out []map[string]any
	for line := range strings.Lines(string(raw)) {
		var l map[string]any
		require.NoError(t, json.Unmarshal([]byte(line), &l), "log line %q", line)
		if l["msg"] == "started" {
			out = out[:0]
		}
		out = append(out, l)
	}
	return out
}
