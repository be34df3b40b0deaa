package e2e

import (
	"context"
	"testing"
	"time"
)

// TestChaosOnACluster is TestChaos on a Redis Cluster of three masters,
// with two processes of each service: processes are SIGKILLed and paused
// at random, every key of the installation is deleted once, one master is
// restarted empty once (its process killed, its files deleted, a new node
// on its port taking over its slots), and the database goes away once.
// The invariants and the settling of every order are TestChaos's.
func TestChaosOnACluster(t *testing.T) {
	if testing.Short() {
		t.Skip("chaos test on a Redis Cluster: skipped with -short")
	}
	cfg := loadChaosConfig(t, clusterFaults)
	s := startClusterSystem(t, 2)
	runChaos(t, cfg, s.system, s.cluster)
}

// restartMaster restarts a random master of the cluster empty
// (rediscluster's Restart) when every stream holds a backlog: the shards
// it served lose their entries, groups and pending entries, and the
// cluster refuses commands until the new node serves its slots.
func (f *injector) restartMaster(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	i := f.rng.IntN(len(f.cluster.Addrs))
	addr := f.cluster.Addrs[i]
	release := f.withBacklog(t)
	node := f.cluster.Node(t, addr)
	atRisk := unackedEntries(ctx, node, f.s.prefix)
	keys, _ := node.DBSize(ctx).Result()
	start := time.Now()
	err := f.cluster.Restart(ctx, i)
	took := time.Since(start)
	release()
	if err != nil {
		t.Fatalf("chaos: restarting master %s: %v", addr, err)
	}
	f.done(faultRedisRestart)
	t.Logf("chaos: restarted master %s empty in %s (%d keys lost); entries not yet acknowledged on it then: %s",
		addr, took.Round(10*time.Millisecond), keys, tally(atRisk))
}
