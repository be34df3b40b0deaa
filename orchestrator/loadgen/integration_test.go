package loadgen

import (
	"bytes"
	"context"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"go.uber.org/goleak"

	"github.com/streamsaga/streamsaga/saga/testenv"
	"github.com/streamsaga/streamsaga/saga/testenv/rediscluster"
)

// TestRunAgainstTheServices runs the generator for two seconds against the
// three services started from their binaries, and checks its figures and
// that stock and money add up.
func TestRunAgainstTheServices(t *testing.T) {
	if testing.Short() {
		t.Skip("starts the three services; skipped with -short")
	}
	_, prefix := testenv.Redis(t)
	runAgainstTheServices(t, testenv.RedisURL(), prefix)
}

// TestRunAgainstTheServicesOnACluster does the same with the services on a
// three-master Redis Cluster: the generator tails every shard key of
// orders.events, and every outcome still arrives as an event.
func TestRunAgainstTheServicesOnACluster(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a Redis Cluster and the three services; skipped with -short")
	}
	c := rediscluster.Start(t, 3)
	runAgainstTheServices(t, c.URL(), "t"+testenv.RandomSuffix()+":")
}

func runAgainstTheServices(t *testing.T, redisURL, prefix string) {
	dbURL := testenv.Database(t)
	bin := buildServices(t)
	env := []string{"DATABASE_URL=" + dbURL, "REDIS_URL=" + redisURL, "STREAM_PREFIX=" + prefix,
		"API_TOKEN=lg-token", "LOG_LEVEL=warn"}
	urls := map[string]string{}
	for _, name := range []string{"orchestrator", "inventory", "payment"} {
		urls[name] = startService(t, filepath.Join(bin, name), env)
	}

	var out, progress bytes.Buffer
	cfg := Config{OrchestratorURL: urls["orchestrator"], InventoryURL: urls["inventory"], PaymentURL: urls["payment"],
		RedisURL: redisURL, StreamPrefix: prefix, APIToken: "lg-token",
		RunID: "lg-it-" + testenv.RandomSuffix(), Rate: 20, Duration: 2 * time.Second, Warmup: 500 * time.Millisecond, RejectRatio: 0.2, SKUs: 3, Customers: 3,
		Interval: time.Second}
	before := goleak.IgnoreCurrent()
	rep, err := Run(t.Context(), cfg, &out, &progress)
	t.Logf("report:\n%s\nprogress:\n%s", out.String(), progress.String())
	require.NoError(t, err)
	goleak.VerifyNone(t, before)

	total := rep.Sent + rep.WarmupOrders
	require.InDelta(t, 40, total, 1, "20 orders/s for 2 s")
	require.InDelta(t, 10, rep.WarmupOrders, 1)
	require.Equal(t, rep.Sent, rep.Accepted)
	require.Empty(t, rep.HTTPErrors)
	require.Equal(t, rep.Accepted, rep.Completed)
	require.Zero(t, rep.Unfinished)
	require.Zero(t, rep.ViaFallback, "every outcome came as an event")
	require.InDelta(t, float64(rep.Sent)/5, float64(rep.Rejected), 1, "a fifth rejected")
	require.Equal(t, rep.Completed, rep.EndToEnd.Count)
	require.Greater(t, rep.EndToEnd.P50, 0.0)
	require.GreaterOrEqual(t, rep.EndToEnd.Max, rep.EndToEnd.P99)
	require.InDelta(t, 20, rep.CompletedPerSecond, 8)
	require.Contains(t, out.String(), "end-to-end")

	requireIntervals(t, out.String(), total)

	rejectedAll := int64(float64(total) * cfg.RejectRatio)
	require.Equal(t, total-rejectedAll, reservedUnits(t, urls["inventory"], cfg), "reserved = units of approved orders")
}

// buildServices builds the three binaries into a temporary directory.
func buildServices(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	cmd := exec.Command("go", "build", "-o", dir+string(os.PathSeparator),
		"./orchestrator/cmd/orchestrator", "./participants/cmd/inventory", "./participants/cmd/payment")
	cmd.Dir = filepath.Dir(testenv.SchemaPath())
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, "building the services: %s", out)
	return dir
}

// startService runs bin on a free port until the test ends and returns its
// base URL once it is healthy.
func startService(t *testing.T, bin string, env []string) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	addr := ln.Addr().String()
	require.NoError(t, ln.Close())
	var logs bytes.Buffer
	cmd := exec.Command(bin)
	cmd.Env, cmd.Stdout, cmd.Stderr = append(append(os.Environ(), env...), "HTTP_ADDR="+addr), &logs, &logs
	require.NoError(t, cmd.Start())
	t.Cleanup(func() {
		_ = cmd.Process.Signal(os.Interrupt)
		_ = cmd.Wait()
		if t.Failed() {
			t.Logf("%s log:\n%s", filepath.Base(bin), logs.String())
		}
	})
	require.Eventually(t, func() bool { return healthy("http://" + addr) }, 30*time.Second, 50*time.Millisecond,
		"%s did not get healthy", filepath.Base(bin))
	return "http://" + addr
}

func healthy(base string) bool {
	resp, err := http.Get(base + "/healthz")
	if err != nil {
		return false
	}
	resp.Body.Close()
	return resp.StatusCode == http.StatusOK
}

// reservedUnits sums the reserved units of the run's SKUs.
func reservedUnits(t *testing.T, base string, cfg Config) int64 {
	t.Helper()
	c := client{http: http.DefaultClient, token: cfg.APIToken}
	var sum int64
	for i := range cfg.SKUs {
		var st struct{ Reserved int64 }
		_, err := c.do(context.Background(), http.MethodGet, base+"/stock/"+newPlan(cfg).sku(i), nil, &st)
		require.NoError(t, err)
		sum += st.Reserved
	}
	return sum
}

// requireIntervals checks the interval lines of a 2 s run with 1 s
// intervals: two, before the report, whose completions add up to every
// order of the run, warm-up included.
func requireIntervals(t *testing.T, out string, orders int64) {
	t.Helper()
	lines := regexp.MustCompile(`(?m)^interval (\d) \((\d+)-\d+s\): sent \d+, completed (\d+) `).FindAllStringSubmatch(out, -1)
	require.Len(t, lines, 2, "an interval cut at 1 s, the last once the orders in flight ended")
	require.Equal(t, []string{"1", "0"}, lines[0][1:3])
	require.Equal(t, []string{"2", "1"}, lines[1][1:3])
	var completed int64
	for _, l := range lines {
		n, err := strconv.ParseInt(l[3], 10, 64)
		require.NoError(t, err)
		completed += n
	}
	require.Equal(t, orders, completed)
	require.Less(t, strings.Index(out, "interval 2"), strings.Index(out, "load test"), "intervals come before the report")
}
