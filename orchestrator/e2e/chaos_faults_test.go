package e2e

import (
	"context"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/streamsaga/streamsaga/saga/testenv"
)

// injector injects faults into one installation. Every method runs in the
// test goroutine.
type injector struct {
	s         *system
	rng       *rand.Rand
	pg        *pgFaults
	faults    map[string]int // injected, by kind
	lastFault time.Time      // when the last fault ended
	crashed   []string       // processes found dead that the test did not kill
}

func newInjector(t *testing.T, s *system, rng *rand.Rand) *injector {
	return &injector{s: s, rng: rng, pg: newPGFaults(t, s.dbURL), faults: map[string]int{}}
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

// wipeRedis deletes every key of the installation, as if Redis restarted
// without persistence: streams, consumer groups and pending entries go. It
// strikes when every stream holds a backlog: payment is frozen first, so
// ProcessPayment commands pile up; then inventory, so ReserveInventory
// commands pile up; then the orchestrators' saga table is locked while
// payment runs again, so its replies and new orders' OrderCreated pile up.
func (f *injector) wipeRedis(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	s := f.s
	s.pay.pause()
	f.sleepRandom(700, 700)
	s.inv.pause()
	f.sleepRandom(700, 700)
	unstall := f.pg.stallSagas(t)
	s.pay.resume()
	f.sleepRandom(700, 700)
	atRisk := unackedEntries(ctx, s)
	testenv.DeleteKeys(ctx, s.rdb, s.prefix)
	unstall()
	s.inv.resume()
	f.done(faultRedisWipe)
	t.Logf("chaos: deleted every Redis key under %q; entries not yet acknowledged then: %s", s.prefix, tally(atRisk))
}

// sleepRandom sleeps between lo and lo+spread milliseconds.
func (f *injector) sleepRandom(lo, spread int) {
	time.Sleep(time.Duration(lo+f.rng.IntN(spread+1)) * time.Millisecond)
}

// pgOutage refuses and cuts every connection to the installation's
// database for d. Inventory is frozen for a moment before, so it has a
// backlog of commands to fail on while the database is away.
func (f *injector) pgOutage(t *testing.T, d time.Duration) {
	f.s.inv.pause()
	f.sleepRandom(700, 500)
	f.pg.cut(t)
	f.s.inv.resume()
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
