package loadgen_test

import (
	"os"

	"github.com/streamsaga/streamsaga/orchestrator/loadgen"
)

func ExampleReport_WriteText() {
	r := loadgen.Report{RunID: "lg-1f2e3d4c", Mode: loadgen.ModeClosed, Clients: 32,
		WarmupSeconds: 5, WarmupOrders: 1480, Sent: 16200, Accepted: 16200, Completed: 16200,
		Approved: 14580, Rejected: 1620, HTTPErrors: map[string]int64{},
		WindowSeconds: 55.02, CompletedPerSecond: 294.4,
		EndToEnd: loadgen.Latency{Count: 16200, P50: 98.1, P90: 141.7, P99: 210.3, Max: 388.9},
		Post:     loadgen.Latency{Count: 16200, P50: 4.2, P99: 19.8, Max: 61.0}}
	_ = r.WriteText(os.Stdout)
	// Output:
	// load test lg-1f2e3d4c: closed loop with 32 clients
	// warm-up         5.0s, 1480 orders not counted
	// orders sent     16200
	//   accepted      16200
	//   completed     16200 (approved 14580, rejected 1620, failed 0)
	//   unfinished    0
	//   via fallback  0 (no event in time; found with GET /sagas/{id})
	// HTTP errors     none
	// throughput      294.4 completed sagas/s over 55.0s
	// end-to-end      p50 98.1ms  p90 141.7ms  p99 210.3ms  max 388.9ms  (n=16200)
	// POST /orders    p50 4.2ms  p99 19.8ms  max 61.0ms  (n=16200)
}
