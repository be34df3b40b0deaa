package loadgen

import (
	"context"
	"math/rand/v2"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

func TestPacerScheduleIsAbsolute(t *testing.T) {
	p := pacer{rate: 200, start: t0}
	require.Equal(t, t0, p.at(0))
	require.Equal(t, t0.Add(15*time.Millisecond), p.at(3))
	require.Equal(t, t0.Add(5*time.Second), p.at(1000))
	require.Equal(t, t0.Add(time.Hour), pacer{rate: 300, start: t0}.at(300*3600), "no rounding drift over an hour")
	require.Equal(t, t0.Add(2500*time.Millisecond), pacer{rate: 0.4, start: t0}.at(1))
}

// sendSet records which orders were sent and how many at once.
type sendSet struct {
	mu      sync.Mutex
	seen    map[int64]int
	active  atomic.Int64
	maxSeen atomic.Int64
	work    func()
}

func newSendSet(work func()) *sendSet { return &sendSet{seen: map[int64]int{}, work: work} }

func (s *sendSet) send(_ context.Context, n int64) {
	raiseTo(&s.maxSeen, s.active.Add(1))
	defer s.active.Add(-1)
	s.mu.Lock()
	s.seen[n]++
	s.mu.Unlock()
	s.work()
}

// raiseTo sets a to v if v is larger.
func raiseTo(a *atomic.Int64, v int64) {
	for cur := a.Load(); v > cur; cur = a.Load() {
		if a.CompareAndSwap(cur, v) {
			return
		}
	}
}

// requireEach checks that orders 0..count-1 were each sent exactly once.
func (s *sendSet) requireEach(t *testing.T, count int64) {
	t.Helper()
	s.mu.Lock()
	defer s.mu.Unlock()
	require.Len(t, s.seen, int(count))
	for n := range count {
		require.Equal(t, 1, s.seen[n], "order %d", n)
	}
}

func TestOpenLoopKeepsTheRateWhileSendsAreSlow(t *testing.T) {
	// Each send takes up to 20 ms, four times the 5 ms interval: the
	// schedule must not wait for them, nor drift.
	sends := newSendSet(func() { time.Sleep(time.Duration(rand.IntN(20)) * time.Millisecond) })
	start := time.Now()
	res := openLoop(t.Context(), pacer{rate: 200, start: start}, limits{count: 100}, 64, sends.send)
	took := time.Since(start)
	require.Equal(t, int64(100), res.sent)
	sends.requireEach(t, 100)
	// The last order is due at 495 ms; allow for slow machines, but not for
	// a pacer that adds the send time or timer slack order by order.
	require.Greater(t, took, 490*time.Millisecond)
	require.Less(t, took, 900*time.Millisecond)
	require.Greater(t, sends.maxSeen.Load(), int64(1), "sends overlap")
}

func TestOpenLoopStopsAtTheEnd(t *testing.T) {
	sends := newSendSet(func() {})
	start := time.Now()
	res := openLoop(t.Context(), pacer{rate: 100, start: start}, limits{end: start.Add(300 * time.Millisecond)}, 8, sends.send)
	require.Equal(t, int64(30), res.sent, "orders due at 0, 10, ..., 290 ms")
	sends.requireEach(t, 30)
}

func TestOpenLoopBoundsSendsInFlight(t *testing.T) {
	sends := newSendSet(func() { time.Sleep(30 * time.Millisecond) })
	res := openLoop(t.Context(), pacer{rate: 1000, start: time.Now()}, limits{count: 12}, 3, sends.send)
	require.Equal(t, int64(12), res.sent)
	require.LessOrEqual(t, sends.maxSeen.Load(), int64(3))
	require.Greater(t, res.maxLag, 50*time.Millisecond, "held back by the bound, it reports the lag")
}

func TestOpenLoopStopsWhenCancelled(t *testing.T) {
	ctx, cancel := context.WithTimeout(t.Context(), 100*time.Millisecond)
	defer cancel()
	sends := newSendSet(func() {})
	start := time.Now()
	res := openLoop(ctx, pacer{rate: 100, start: start}, limits{}, 8, sends.send)
	require.Less(t, time.Since(start), time.Second)
	require.InDelta(t, 10, res.sent, 4, "orders due at 0, 10, ..., 90 ms")
}
