package e2e

import (
	"context"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// TestFaultsOnACluster runs two processes of each service on a Redis
// Cluster and, while orders flow, SIGKILLs and restarts random processes
// and once makes one master lose its data (FLUSHALL): the shards it held
// lose their entries and groups, its consumers recreate them, and the
// outbox, the sweeper and step timeouts resend what was lost. When the
// faults stop, every order settles and stock and money add up.
func TestFaultsOnACluster(t *testing.T) {
	if testing.Short() {
		t.Skip("fault test on a Redis Cluster: skipped with -short")
	}
	s := startClusterSystem(t, 2)
	stock, balances := scarce()
	w := newWorkload(s.system, t, stock, balances)
	rng := rand.New(rand.NewPCG(9, 10))
	for round := range 8 {
		if round == 4 {
			s.flushWithBacklog(t, w, rng)
			continue
		}
		w.placeRandom(s.system, t, 10, rng)
		time.Sleep(time.Duration(rng.IntN(300)) * time.Millisecond)
		procs := s.procs()
		p := procs[rng.IntN(len(procs))]
		p.kill()
		p.start(t)
		t.Logf("killed and restarted %s", p.name)
	}
	approved := w.check(s.system, t, 120*time.Second)
	require.Positive(t, approved)
}

// flushWithBacklog freezes every participant, places orders whose
// commands pile up on the shards, makes a random master lose its data and
// lets the participants go on.
func (s *clusterSystem) flushWithBacklog(t *testing.T, w *workload, rng *rand.Rand) {
	t.Helper()
	participants := append([]*proc{s.inv, s.pay}, s.more...)
	for _, p := range participants {
		p.pause()
	}
	w.placeRandom(s.system, t, 10, rng)
	time.Sleep(500 * time.Millisecond)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	addr := s.cluster.Addrs[rng.IntN(len(s.cluster.Addrs))]
	lost, err := s.cluster.Node(t, addr).DBSize(ctx).Result()
	require.NoError(t, err)
	require.NoError(t, s.cluster.Flush(ctx, addr))
	for _, p := range participants {
		p.resume()
	}
	t.Logf("master %s lost its data (%d keys) while the participants were frozen", addr, lost)
}
