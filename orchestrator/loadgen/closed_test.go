package loadgen

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

func sum(xs []int64) int64 {
	var s int64
	for _, x := range xs {
		s += x
	}
	return s
}

func TestClosedLoopSendsEachOrderOnceWithAtMostClientsAtOnce(t *testing.T) {
	sends := newSendSet(func() { time.Sleep(time.Millisecond) })
	counts := closedLoop(t.Context(), 4, limits{count: 100}, sends.send)
	require.Len(t, counts, 4)
	require.Equal(t, int64(100), sum(counts))
	sends.requireEach(t, 100)
	require.LessOrEqual(t, sends.maxSeen.Load(), int64(4))
}

func TestClosedLoopStopsTakingOrdersAtTheEnd(t *testing.T) {
	sends := newSendSet(func() { time.Sleep(10 * time.Millisecond) })
	start := time.Now()
	counts := closedLoop(t.Context(), 4, limits{end: start.Add(100 * time.Millisecond)}, sends.send)
	took := time.Since(start)
	require.GreaterOrEqual(t, took, 100*time.Millisecond)
	require.Less(t, took, 300*time.Millisecond, "the last orders end within one send")
	// 4 clients, 10 ms per order, 100 ms: 40 orders, fewer on a busy machine.
	require.GreaterOrEqual(t, sum(counts), int64(8))
	require.LessOrEqual(t, sum(counts), int64(44))
	sends.requireEach(t, sum(counts))
}

func TestClosedLoopStopsWhenCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(t.Context())
	sends := newSendSet(func() { time.Sleep(time.Millisecond) })
	counts := closedLoop(ctx, 2, limits{}, func(ctx context.Context, n int64) {
		sends.send(ctx, n)
		if n == 9 {
			cancel()
		}
	})
	require.GreaterOrEqual(t, sum(counts), int64(10))
	require.Less(t, sum(counts), int64(15), "no client starts an order after the cancel")
	sends.requireEach(t, sum(counts))
}
