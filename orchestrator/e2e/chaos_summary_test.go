package e2e

import (
	"fmt"
	"sort"
	"strings"
	"testing"
	"time"
)

// summarize logs what the run did and how it ended.
func (r *chaosRun) summarize(t *testing.T, cfg chaosConfig, f *injector, c *chaosClient) {
	via, replayed := map[string]int{}, 0
	for _, o := range acceptedOrders(r.orders) {
		via[o.via]++
		if o.replayed {
			replayed++
		}
	}
	byReason, retries := c.retryCounts()
	settle := fmt.Sprintf("all settled %s after the last fault", r.settled.at.Sub(f.lastFault).Round(10*time.Millisecond))
	if n := len(r.settled.pending); n > 0 {
		settle = fmt.Sprintf("%d still PENDING %s after the last fault (last read error: %v)", n, r.settled.at.Sub(f.lastFault).Round(10*time.Millisecond), r.settled.lastErr)
	}
	t.Logf("chaos summary (%s run, seed %d):\n"+
		"  orders:    %d placed, %d accepted (%s), %d accepted as a replay of an attempt that had committed\n"+
		"  outcomes:  %d approved, %d rejected, %d pending\n"+
		"  faults:    %s; processes that exited on their own: %v\n"+
		"  placement: %d retries (%s)\n"+
		"  settle:    %s",
		cfg.name, cfg.seed, len(r.orders), len(acceptedOrders(r.orders)), tally(via), replayed,
		r.approved, r.rejected, len(r.settled.pending), tally(f.faults), f.crashed, retries, tally(byReason), settle)
}

// tally renders counts as "a=1, b=2", sorted by key.
func tally(m map[string]int) string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	parts := make([]string, len(ks))
	for i, k := range ks {
		parts[i] = fmt.Sprintf("%s=%d", k, m[k])
	}
	return strings.Join(parts, ", ")
}
