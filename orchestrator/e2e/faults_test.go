package e2e

import (
	"math/rand/v2"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/saga/testenv"
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
	// Orders can settle before the duplicator has copied their last
	// messages: wait for the copies and for every group to have handled
	// them, then check again that they changed nothing.
	require.Eventually(t, func() bool { return d.count() >= 60*3 }, 30*time.Second, 20*time.Millisecond,
		"every order's messages were duplicated")
	require.Eventually(t, func() bool { return allHandled(t, s) }, 30*time.Second, 50*time.Millisecond,
		"every copy handled")
	require.Equal(t, approved, w.check(s, t, 10*time.Second), "the copies changed no outcome")
}

// allHandled reports whether every consumer group of the installation has
// read and acknowledged every entry of its stream (its last delivered id
// is the stream's last entry, nothing pending).
func allHandled(t *testing.T, s *system) bool {
	ctx := t.Context()
	keys, err := testenv.ScanKeys(ctx, s.streams, s.prefix+"*")
	if err != nil {
		return false
	}
	for _, key := range keys {
		if typ, _ := s.streams.Type(ctx, key).Result(); typ != "stream" {
			continue
		}
		last, err := s.streams.XRevRangeN(ctx, key, "+", "-", 1).Result()
		groups, gerr := s.streams.XInfoGroups(ctx, key).Result()
		if err != nil || gerr != nil || len(last) == 0 {
			continue
		}
		for _, g := range groups {
			if g.Pending > 0 || g.LastDeliveredID != last[0].ID {
				return false
			}
		}
	}
	return true
}
