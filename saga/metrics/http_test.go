package metrics

import (
	"strings"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/testutil"
	"github.com/stretchr/testify/require"
)

func TestHTTPCountsAndTimesByRouteMethodCode(t *testing.T) {
	reg := prometheus.NewRegistry()
	h, err := NewHTTP(reg)
	require.NoError(t, err)
	h.ObserveRequest("/orders/{id}", "GET", 200, 30*time.Millisecond)
	h.ObserveRequest("/orders/{id}", "GET", 200, 2*time.Second)
	h.ObserveRequest("/orders/{id}", "GET", 404, time.Millisecond)
	h.ObserveRequest("unmatched", "BREW", 405, time.Millisecond)

	err = testutil.GatherAndCompare(reg, strings.NewReader(`
# HELP streamsaga_http_requests_total HTTP requests served, by route template ("unmatched" when no route matched), method and status code.
# TYPE streamsaga_http_requests_total counter
streamsaga_http_requests_total{code="200",method="GET",route="/orders/{id}"} 2
streamsaga_http_requests_total{code="404",method="GET",route="/orders/{id}"} 1
streamsaga_http_requests_total{code="405",method="OTHER",route="unmatched"} 1
`), "streamsaga_http_requests_total")
	require.NoError(t, err)
	ok := map[string]string{"route": "/orders/{id}", "method": "GET", "code": "200"}
	m := find(t, reg, "streamsaga_http_request_duration_seconds", ok)
	require.NotNil(t, m)
	require.EqualValues(t, 2, m.GetHistogram().GetSampleCount())
	for _, b := range m.GetHistogram().GetBucket() {
		switch b.GetUpperBound() {
		case 0.025:
			require.EqualValues(t, 0, b.GetCumulativeCount(), "30ms is above 25ms")
		case 0.05:
			require.EqualValues(t, 1, b.GetCumulativeCount(), "30ms is within 50ms")
		}
	}
}
