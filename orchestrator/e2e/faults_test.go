package e2e

import (
	"math/rand/v2"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

func scarce() (map[string]int64, map[string]int64) {
	return map[string]int64{"A": 40, "B": 25, "C": 60},
		map[string]int64{"c1": 20_000, "c2": 8_000, "c3": 50_000}
}

// TestEveryMessageDeliveredTwice duplicates every entry of every stream and
// shows the outcome is the same as with single delivery: invariants hold
// and no order is charged twice.
func TestEveryMessageDeliveredTwice(t *testing.T) { everyMessageTwice(t, startSystem(t)) }

// TestDevModeEveryMessageDeliveredTwice does the same in dev mode, on the
// embedded Redis and SQLite.
func TestDevModeEveryMessageDeliveredTwice(t *testing.T) { everyMessageTwice(t, startDevSystem(t)) }

func everyMessageTwice(t *testing.T, s *system) {
	d := startDuplicator(t, s.rdb, s.prefix+"orders.events", s.prefix+"inventory.commands",
		s.prefix+"payment.commands", s.prefix+"orchestrator.replies")
	stock, balances := scarce()
	w := newWorkload(s, t, stock, balances)
	w.placeRandom(s, t, 60, rand.New(rand.NewPCG(1, 2)))
	approved := w.check(s, t, 60*time.Second)
	require.Positive(t, approved)
	require.Less(t, approved, len(w.orders), "scarce stock and money reject some orders")
	require.GreaterOrEqual(t, d.count(), 60*3, "every order's messages were duplicated")
}

// TestKilledProcessesLoseNothing SIGKILLs the services while orders flow,
// which leaves handled-but-unacknowledged entries and unpublished outbox
// rows behind, restarts them and checks every order settles correctly.
func TestKilledProcessesLoseNothing(t *testing.T) {
	s := startSystem(t)
	stock, balances := scarce()
	w := newWorkload(s, t, stock, balances)
	rng := rand.New(rand.NewPCG(3, 4))
	for round := range 8 {
		w.placeRandom(s, t, 10, rng)
		time.Sleep(time.Duration(rng.IntN(40)) * time.Millisecond)
		p := s.procs()[round%3]
		p.kill()
		p.start(t)
	}
	w.check(s, t, 90*time.Second)
}
