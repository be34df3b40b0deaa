package e2e

import (
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/saga/testenv"
	"github.com/streamsaga/streamsaga/saga/testenv/rediscluster"
)

// clusterSystem is an installation on a Redis Cluster of its own.
type clusterSystem struct {
	*system
	cluster *rediscluster.Cluster
	rdb     *redis.ClusterClient
}

// startClusterSystem starts a three-master Redis Cluster and n processes
// of each service on it, with REDIS_URL naming every master.
func startClusterSystem(t *testing.T, n int) *clusterSystem {
	t.Helper()
	return startClusterSystemWith(t, n, "")
}

// startClusterSystemWith is startClusterSystem with dbParams (k=v&...)
// added to the services' DATABASE_URL.
func startClusterSystemWith(t *testing.T, n int, dbParams string) *clusterSystem {
	t.Helper()
	c := rediscluster.Start(t, 3)
	prefix := "t" + testenv.RandomSuffix() + ":"
	dbURL := testenv.Database(t)
	env := []string{"DATABASE_URL=" + withParams(dbURL, dbParams), "REDIS_URL=" + c.URL(), "STREAM_PREFIX=" + prefix, "CLAIM_MIN_IDLE=2s"}
	s := &system{prefix: prefix, dbURL: dbURL}
	for i := range n {
		for _, name := range []string{"orchestrator", "inventory", "payment"} {
			p := newProc(t, name, env)
			if n > 1 {
				p.name = fmt.Sprintf("%s-%d", name, i+1)
			}
			s.add(p, i)
		}
	}
	for _, p := range s.procs() {
		p.start(t)
		t.Cleanup(p.kill)
	}
	t.Cleanup(func() {
		if t.Failed() {
			for _, p := range s.procs() {
				t.Logf("--- %s log ---\n%s", p.name, tail(p.log))
			}
		}
	})
	s.streams = c.Client(t, 16)
	return &clusterSystem{system: s, cluster: c, rdb: s.streams.(*redis.ClusterClient)}
}

// add places the i-th process of a service: the first of each is the
// system's own, the others further processes.
func (s *system) add(p *proc, i int) {
	switch {
	case p.bin == "orchestrator":
		s.orchs = append(s.orchs, p)
		s.orch = s.orchs[0]
	case i > 0:
		s.more = append(s.more, p)
	case p.bin == "inventory":
		s.inv = p
	default:
		s.pay = p
	}
}

// TestOrderSagaOnACluster drives the four paths of the order saga with
// every service on a Redis Cluster: each stream is spread over 16 shard
// keys, which land on every master, and the metrics count per shard.
func TestOrderSagaOnACluster(t *testing.T) {
	s := startClusterSystem(t, 1)
	orderSagaOutcomes(t, s.system)
	keys := s.keysPerMaster(t)
	require.Len(t, keys, len(s.cluster.Addrs))
	for addr, ks := range keys {
		require.NotEmpty(t, ks, "master %s holds no shard", addr)
		for _, k := range ks {
			if k == s.prefix+"streamsaga.shards" { // the installation's shard count
				continue
			}
			require.True(t, strings.HasPrefix(k, s.prefix+"{"), "%s on %s is not a shard key", k, addr)
		}
	}
	metrics := get(t, s.orch.url("/metrics"))
	require.Contains(t, metrics, `streamsaga_stream_pending_entries{group="orchestrator",stream="orchestrator.replies"} 0`)
	for shard := range 16 {
		require.Contains(t, metrics, fmt.Sprintf(`streamsaga_stream_shard_pending_entries{group="orchestrator",shard="%d",stream="orchestrator.replies"}`, shard))
	}
	require.Contains(t, get(t, s.inv.url("/metrics")), `streamsaga_stream_shard_lag_entries{group=`)
	for _, p := range []*proc{s.orch, s.inv, s.pay} {
		requireRedisCounted(t, p)
	}
	s.requireRefusedShardCount(t)
}

// requireRedisCounted asserts that a process on a cluster counts its
// Redis round trips and commands in /metrics: its reads, its publishes
// and its acknowledgements.
func requireRedisCounted(t *testing.T, p *proc) {
	t.Helper()
	metrics := get(t, p.url("/metrics"))
	for _, series := range []string{`streamsaga_redis_round_trips_total`, `streamsaga_redis_commands_total{command="xreadgroup"}`,
		`streamsaga_redis_commands_total{command="xadd"}`, `streamsaga_redis_commands_total{command="xack"}`} {
		m := regexp.MustCompile(`(?m)^` + regexp.QuoteMeta(series) + ` (\S+)$`).FindStringSubmatch(metrics)
		require.NotNil(t, m, "%s: no %s in /metrics", p.name, series)
		n, err := strconv.ParseFloat(m[1], 64)
		require.NoError(t, err)
		require.Positive(t, n, "%s: %s", p.name, series)
	}
}

// requireRefusedShardCount starts a payment process with another
// STREAM_SHARDS: it refuses to start, in one line naming both counts.
func (s *clusterSystem) requireRefusedShardCount(t *testing.T) {
	t.Helper()
	p := newProc(t, "payment", append(append([]string{}, s.pay.env...), "STREAM_SHARDS=8", "STARTUP_TIMEOUT=1s"))
	cmd := exec.Command(filepath.Join(binDir, p.bin))
	cmd.Env = p.env
	out, err := cmd.CombinedOutput()
	var exit *exec.ExitError
	require.ErrorAs(t, err, &exit, "%s", out)
	require.Equal(t, 1, exit.ExitCode())
	require.Contains(t, string(out), "STREAM_SHARDS is 8, but the installation's streams are spread over 16 shards")
}

// TestSeveralProcessesShareTheShardsOnACluster runs two processes of each
// service on a Redis Cluster: they share the shards of their streams
// through the consumer groups, each handles commands, and every order
// settles with stock and money adding up.
func TestSeveralProcessesShareTheShardsOnACluster(t *testing.T) {
	s := startClusterSystem(t, 2)
	stock, balances := scarce()
	w := newWorkload(s.system, t, stock, balances)
	rng := rand.New(rand.NewPCG(7, 8))
	w.placeRandom(s.system, t, 40, rng)
	approved := w.check(s.system, t, 60*time.Second)
	require.Positive(t, approved)
	for _, name := range []string{"inventory.commands", "payment.commands", "orchestrator.replies", "orders.events"} {
		s.requireSharedShards(t, name, 2)
	}
	for _, p := range []*proc{s.inv, s.pay, s.more[0], s.more[1]} {
		b, err := os.ReadFile(p.log)
		require.NoError(t, err)
		require.Contains(t, string(b), `"msg":"command handled"`, "%s handled no command", p.name)
	}
}

// requireSharedShards asserts that every shard key of a logical stream has
// its one consumer group, that every shard that carried entries was read,
// and that n consumers, one per process, read the stream's shards. (Redis
// registers a consumer on a shard once a read of it returned entries.)
func (s *clusterSystem) requireSharedShards(t *testing.T, name string, n int) {
	t.Helper()
	ctx := context.Background()
	members, shards := map[string]bool{}, 0
	for _, ks := range s.keysPerMaster(t) {
		for _, key := range ks {
			if !strings.HasSuffix(key, "}"+name) {
				continue
			}
			shards++
			groups, err := s.rdb.XInfoGroups(ctx, key).Result()
			require.NoError(t, err)
			require.Len(t, groups, 1, key)
			consumers, err := s.rdb.XInfoConsumers(ctx, key, groups[0].Name).Result()
			require.NoError(t, err)
			if groups[0].EntriesRead > 0 {
				require.NotEmpty(t, consumers, "%s carried entries that no process read", key)
			}
			for _, c := range consumers {
				members[c.Name] = true
			}
		}
	}
	require.Equal(t, 16, shards, "%s has a key per shard", name)
	require.Len(t, members, n, "%s: consumers reading its shards", name)
}

// keysPerMaster lists the installation's keys on each master.
func (s *clusterSystem) keysPerMaster(t *testing.T) map[string][]string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	out := map[string][]string{}
	for _, addr := range s.cluster.Addrs {
		node := s.cluster.Node(t, addr)
		keys, err := node.Keys(ctx, s.prefix+"*").Result()
		require.NoError(t, err)
		out[addr] = keys
	}
	return out
}

func get(t *testing.T, url string) string {
	t.Helper()
	resp, err := http.Get(url)
	require.NoError(t, err)
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	require.Equal(t, http.StatusOK, resp.StatusCode)
	return string(b)
}
