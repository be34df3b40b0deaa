package e2e

import (
	"context"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/streamsaga/streamsaga/saga/testenv"
	"github.com/streamsaga/streamsaga/saga/testenv/rediscluster"
)

// injector injects faults into one installation. Every method runs in the
// test goroutine.
type injector struct {
	s *system
	// cluster is the installation's Redis Cluster, nil on a single Redis.
	cluster   *rediscluster.Cluster
	rng       *rand.Rand
	pg        *pgFaults
	faults    map[string]int // injected, by kind
	lastFault time.Time      // when the last fault ended
	crashed   []string       // processes found dead that the test did not kill
}

func newInjector(t *testing.T, s *system, cluster *rediscluster.Cluster, rng *rand.Rand) *injector {
	return &injector{s: s, cluster: cluster, rng: rng, pg: newPGFaults(t, s.dbURL), faults: map[string]int{}}
}

// killRandom SIGKILLs a random process and starts it again after a short
// random pause.
func (f *injector) killRandom(t *testing.T) {
	procs := f.s.procs()
	p := procs[f.rng.IntN(len(procs))]
	p.kill()
	time.Sleep(time.Duration(f.rng.IntN(700)) * time.Millisecond)
	p.start(t)
	f.done(faultKill)
	t.Logf("chaos: killed and restarted %s", p.name)
}

// pauseRandom freezes a random process with SIGSTOP for longer than
// CLAIM_MIN_IDLE and the client's timeout, then lets it go on: a peer
// claims the entries it holds, and a client retries the order it is
// placing elsewhere while the first attempt may still commit.
func (f *injector) pauseRandom(t *testing.T) {
	procs := f.s.procs()
	p := procs[f.rng.IntN(len(procs))]
	p.pause()
	f.sleepRandom(2200, 800)
	p.resume()
	f.done(faultPause)
	t.Logf("chaos: paused and resumed %s", p.name)
}

// wipeRedis deletes every key of the installation (on every master of a
// cluster), as if Redis restarted without persistence: streams, consumer
// groups and pending entries go. It strikes when every stream holds a
// backlog (withBacklog).
func (f *injector) wipeRedis(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	s := f.s
	release := f.withBacklog(t)
	atRisk := unackedEntries(ctx, s.streams, s.prefix)
	n, err := testenv.DeleteKeys(ctx, s.streams, s.prefix)
	if err != nil {
		t.Logf("chaos: deleting the Redis keys under %q: %v", s.prefix, err)
	}
	release()
	f.done(faultRedisWipe)
	t.Logf("chaos: deleted every Redis key under %q (%d keys); entries not yet acknowledged then: %s", s.prefix, n, tally(atRisk))
}

// withBacklog makes every stream hold a backlog: every payment process
// is frozen first, so ProcessPayment commands pile up; then every
// inventory process, so ReserveInventory commands pile up; then the
// orchestrators' saga table is locked while payment runs again, so its
// replies and new orders' OrderCreated pile up. release unlocks the table
// and lets inventory go on.
func (f *injector) withBacklog(t *testing.T) (release func()) {
	pay, inv := f.s.all("payment"), f.s.all("inventory")
	each(pay, (*proc).pause)
	f.sleepRandom(700, 700)
	each(inv, (*proc).pause)
	f.sleepRandom(700, 700)
	unstall := f.pg.stallSagas(t)
	each(pay, (*proc).resume)
	f.sleepRandom(700, 700)
	return func() {
		unstall()
		each(inv, (*proc).resume)
	}
}

func each(ps []*proc, fn func(*proc)) {
	for _, p := range ps {
		fn(p)
	}
}

// sleepRandom sleeps between lo and lo+spread milliseconds.
func (f *injector) sleepRandom(lo, spread int) {
	time.Sleep(time.Duration(lo+f.rng.IntN(spread+1)) * time.Millisecond)
}

// pgOutage refuses and cuts every connection to the installation's
// database for d. Inventory is frozen for a moment before, so it has a
// backlog of commands to fail on while the database is away.
func (f *injector) pgOutage(t *testing.T, d time.Duration) {
	inv := f.s.all("inventory")
	each(inv, (*proc).pause)
	f.sleepRandom(700, 500)
	f.pg.cut(t)
	each(inv, (*proc).resume)
	f.pg.restore(t, d)
	f.done(faultPGOutage)
	t.Logf("chaos: database unreachable for %s", d)
}

// pgRestart restarts the PostgreSQL server with cmd.
func (f *injector) pgRestart(t *testing.T, cmd string) {
	f.pg.restart(t, cmd)
	f.done(faultPGRestart)
	t.Logf("chaos: restarted PostgreSQL with %q", cmd)
}

func (f *injector) done(kind string) {
	f.faults[kind]++
	f.lastFault = time.Now()
}

// reviveCrashed starts every process that exited without being killed by
// the test, noting each: a service should ride out a fault, not die of it.
func (f *injector) reviveCrashed(t *testing.T) {
	for _, p := range f.s.procs() {
		if p.alive() {
			continue
		}
		f.crashed = append(f.crashed, p.name)
		t.Logf("chaos: %s exited on its own; its log ends:\n%s", p.name, tail(p.log))
		p.start(t)
	}
}
