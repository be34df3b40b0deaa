package loadgen

import (
	"context"
	"sync"
	"sync/atomic"
	"time"
)

// closedLoop runs clients workers. Each takes the next order number and
// calls send, which returns once that order has ended, until lim is reached
// or ctx is done. It returns how many orders each worker sent, once every
// worker has stopped.
func closedLoop(ctx context.Context, clients int, lim limits, send sendFunc) []int64 {
	var (
		next atomic.Int64
		wg   sync.WaitGroup
	)
	counts := make([]int64, clients)
	for w := range clients {
		wg.Go(func() {
			for ctx.Err() == nil {
				n := next.Add(1) - 1
				if lim.reached(n, time.Now()) {
					return
				}
				send(ctx, n)
				counts[w]++
			}
		})
	}
	wg.Wait()
	return counts
}
