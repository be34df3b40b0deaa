package host_test

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/participants/inventory"
	"github.com/streamsaga/streamsaga/saga/testenv"
)

// A service that gives no HTTP handler still answers the probes and the
// scrapers.
func TestRunServesHealthAndMetricsWithoutAnHTTPHandler(t *testing.T) {
	base := runUntilHealthy(t, bareService(inventory.Name), testenv.Database(t))
	status, body := get(base + "/healthz")
	require.Equal(t, http.StatusOK, status)
	require.JSONEq(t, `{"status":"ok","checks":{"postgres":"up","redis":"up"}}`, body)
	m := scrapeMetrics(t, base)
	v, ok := sample(m, `streamsaga_http_requests_total{code="200",method="GET",route="/healthz"}`)
	require.True(t, ok, "the /healthz requests are counted")
	require.Equal(t, float64(2), v)
	status, _ = get(base + "/stock/A")
	require.Equal(t, http.StatusNotFound, status, "no API beyond the probes")
}
