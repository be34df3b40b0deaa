package e2e

import (
	"bufio"
	"context"
	"encoding/json"
	"net/http"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// TestTraceContextReachesEveryServiceAndMessage places an order with a W3C
// traceparent in dev mode (all services logging to one file) and checks
// that every log line about its saga, in every service, and every stream
// entry of the saga carry that trace id.
func TestTraceContextReachesEveryServiceAndMessage(t *testing.T) {
	s := startDevSystem(t)
	s.setStock(t, "A", 5)
	s.setBalance(t, "c1", 100) // too little: the saga compensates, so every service logs
	const traceID = "4bf92f3577b34da6a3ce929d0e0e4736"
	var p placed
	status := call(t, http.MethodPost, s.orch.url("/orders"),
		map[string]any{"customer_id": "c1", "items": []item{{"A", 2, 1000}}}, &p,
		"traceparent", "00-"+traceID+"-00f067aa0ba902b7-01")
	require.Equal(t, http.StatusAccepted, status)
	o, _ := s.settle(t, p.OrderID, 20*time.Second)
	require.Equal(t, "REJECTED", o.Status)

	services := map[string]bool{}
	require.Eventually(t, func() bool {
		services = tracedLines(t, s.orch.log, p.SagaID, traceID)
		return services["orchestrator"] && services["inventory"] && services["payment"]
	}, 5*time.Second, 50*time.Millisecond, "log lines of the saga from every service")

	entries := 0
	for _, key := range []string{"orders.events", "inventory.commands", "payment.commands", "orchestrator.replies"} {
		msgs, err := s.rdb.XRange(context.Background(), key, "-", "+").Result()
		require.NoError(t, err)
		for _, m := range msgs {
			env, _ := m.Values["envelope"].(string)
			if !strings.Contains(env, p.SagaID) {
				continue
			}
			entries++
			require.Contains(t, env, traceID, "entry %s of %s", m.ID, key)
		}
	}
	require.GreaterOrEqual(t, entries, 7, "OrderCreated, two commands, a release, three replies")
}

// tracedLines reads the JSON log at path and returns which services logged
// about sagaID, failing on any such line without traceID.
func tracedLines(t *testing.T, path, sagaID, traceID string) map[string]bool {
	t.Helper()
	f, err := os.Open(path)
	require.NoError(t, err)
	defer f.Close()
	seen := map[string]bool{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		var line map[string]any
		if json.Unmarshal(sc.Bytes(), &line) != nil || line["saga_id"] != sagaID {
			continue
		}
		require.Equal(t, traceID, line["trace_id"], "log line %s", sc.Text())
		svc, _ := line["service"].(string)
		seen[svc] = true
	}
	return seen
}
