package e2e

import (
	"context"
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/streamsaga/streamsaga/saga/testenv/rediscluster"
)

// TestChaos runs two orchestrator processes, an inventory and a payment
// process, places orders against scarce stock and money through a client
// that retries like a real one, and meanwhile SIGKILLs (now and then
// SIGSTOPs) a random process every 1-3 s, wipes the installation's Redis
// keys once and takes its database away once (and, given a command,
// restarts the PostgreSQL server once). When the faults stop, every order
// must settle and the invariants of the design must hold; orders that do
// not are explained from their saga's history, the outboxes, inboxes and
// dead-letter streams. See chaos_config_test.go for the long run and the
// knobs.
func TestChaos(t *testing.T) {
	if testing.Short() {
		t.Skip("chaos test: skipped with -short")
	}
	cfg := loadChaosConfig(t, allFaults)
	s := startSystemWith(t, 2)
	runChaos(t, cfg, s, nil)
}

// runChaos runs the chaos workload and faults of cfg on s, whose Redis is
// cluster when not nil, and checks the outcome.
func runChaos(t *testing.T, cfg chaosConfig, s *system, cluster *rediscluster.Cluster) {
	where := "a single Redis"
	if cluster != nil {
		where = fmt.Sprintf("a Redis Cluster of %d masters", len(cluster.Addrs))
	}
	t.Logf("chaos: %s run of %d orders over %s on %s with %d processes, faults %v, seed %d (set STREAMSAGA_CHAOS_SEED to replay)",
		cfg.name, cfg.orders, cfg.window, where, len(s.procs()), cfg.faults, cfg.seed)
	rng := rand.New(rand.NewPCG(cfg.seed, cfg.seed^0x5eed))
	t.Cleanup(func() { keepChaosLogs(t, s) })

	run := &chaosRun{}
	run.stock, run.balances, run.orders = chaosWorkload(cfg.orders, rng, s.prefix)
	newWorkload(s, t, run.stock, run.balances)
	client := newChaosClient(s.orchs)
	ctx, cancel := context.WithTimeout(context.Background(), cfg.window+cfg.settle)
	pl := startPlacement(ctx, client, run.orders, cfg.window*9/10, cfg.placers)
	t.Cleanup(func() { cancel(); <-pl.done })

	f := newInjector(t, s, cluster, rng)
	f.runFaults(t, cfg, pl.done)
	<-pl.done
	for _, err := range pl.errors() {
		t.Errorf("placement: %v", err)
	}
	if len(f.crashed) > 0 {
		t.Errorf("processes exited on their own during the faults (their logs are above): %v", f.crashed)
	}
	run.settled = client.settleAll(run.orders, cfg.settle)
	v := run.check(t, client, s)
	run.summarize(t, cfg, f, client)
	if len(run.settled.pending) > 0 {
		run.diagnose(t, client, s)
	}
	v.report(t)
}

// check asserts every invariant, collecting what is broken.
func (r *chaosRun) check(t *testing.T, c *chaosClient, s *system) *violations {
	v := newViolations()
	for _, po := range r.settled.pending {
		v.add(ruleOutcome, "order %s (%s, saga %s) still PENDING", po.placed.OrderID, po.key, po.placed.SagaID)
	}
	units, spent := r.checkOutcomes(c, v)
	r.checkStock(c, s.inv, units, v)
	r.checkMoney(c, s.pay, spent, v)
	if err := r.checkLedger(s.dbURL, v); err != nil {
		t.Errorf("reading the payments and orders tables: %v", err)
	}
	if len(r.settled.pending) == 0 && (r.approved == 0 || r.rejected == 0) {
		t.Errorf("workload too easy or too hard: %d approved, %d rejected; both must happen", r.approved, r.rejected)
	}
	return v
}
