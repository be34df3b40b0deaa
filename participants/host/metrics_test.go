package host_test

import (
	"bufio"
	"context"
	"io"
	"net/http"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/participants/host"
	"github.com/streamsaga/streamsaga/participants/inventory"
	"github.com/streamsaga/streamsaga/participants/inventory/inventorysqlite"
	"github.com/streamsaga/streamsaga/participants/services"
	"github.com/streamsaga/streamsaga/saga/config"
	"github.com/streamsaga/streamsaga/saga/sqlite"
	"github.com/streamsaga/streamsaga/saga/testenv"
)

// scrapeMetrics reads /metrics with no token.
func scrapeMetrics(t *testing.T, base string) string {
	status, body := get(base + "/metrics")
	require.Equal(t, http.StatusOK, status, "/metrics stays open like /healthz")
	return body
}

// sample is the value of the series written exactly as series in a scrape.
func sample(body, series string) (float64, bool) {
	sc := bufio.NewScanner(strings.NewReader(body))
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), series+" "); ok {
			f, err := strconv.ParseFloat(v, 64)
			return f, err == nil
		}
	}
	return 0, false
}

// authorized sends a request with the bearer token and returns its status.
func authorized(t *testing.T, method, url, token, body string) int {
	req, err := http.NewRequestWithContext(t.Context(), method, url, strings.NewReader(body))
	require.NoError(t, err)
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	_, _ = io.Copy(io.Discard, resp.Body)
	return resp.StatusCode
}

// fromHost GETs url naming host in the Host header and returns the status.
func fromHost(t *testing.T, url, host, token string) int {
	req, err := http.NewRequestWithContext(t.Context(), http.MethodGet, url, nil)
	require.NoError(t, err)
	req.Host = host
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	return resp.StatusCode
}

func TestMetricsOfAParticipant(t *testing.T) {
	db, err := inventorysqlite.Open(t.Context(), filepath.Join(t.TempDir(), "inventory.db"))
	require.NoError(t, err)
	t.Cleanup(func() { _ = db.Close() })
	rdb, prefix := testenv.Redis(t)
	cfg := config.Config{HTTPAddr: freeAddr(t), StreamPrefix: prefix, APIToken: "tok",
		ClaimMinIdle: 30 * time.Second, InboxRetention: config.MinInboxRetention}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	svc := services.InventoryWith(func(host.Deps) (inventory.Store, error) { return inventorysqlite.New(db), nil })
	go func() { done <- host.RunOn(ctx, svc, cfg, quietLogger(), sqlite.NewBackend(db), rdb) }()
	t.Cleanup(func() {
		cancel()
		require.NoError(t, <-done)
	})
	base := "http://" + cfg.HTTPAddr
	require.Eventually(t, func() bool { s, _ := get(base + "/healthz"); return s == http.StatusOK }, 10*time.Second, 20*time.Millisecond)

	require.Equal(t, http.StatusOK, authorized(t, http.MethodPut, base+"/stock/WIDGET-42", "tok", `{"available": 10}`))
	require.Equal(t, http.StatusOK, authorized(t, http.MethodPut, base+"/stock/A", "tok", `{"available": 10}`)) // sendReserve's SKU
	require.Equal(t, http.StatusNotFound, authorized(t, http.MethodGet, base+"/stock/NOPE-7", "tok", ""))
	require.Equal(t, http.StatusUnauthorized, authorized(t, http.MethodGet, base+"/stock/WIDGET-42", "wrong", ""))
	require.Equal(t, http.StatusBadRequest, fromHost(t, base+"/stock/WIDGET-42", "rebound.example", "tok"), "only the configured Host names")
	sendReserve(t, rdb, prefix)
	require.Equal(t, string(inventory.InventoryReserved), readReply(t, rdb, prefix).Type, "the command went through")

	m := scrapeMetrics(t, base)
	for series, want := range map[string]float64{
		`streamsaga_http_requests_total{code="200",method="PUT",route="/stock/{sku}"}`: 2,
		`streamsaga_http_requests_total{code="404",method="GET",route="/stock/{sku}"}`: 1,
		`streamsaga_http_requests_total{code="401",method="GET",route="unmatched"}`:    1,
		`streamsaga_http_requests_total{code="200",method="GET",route="/healthz"}`:     1,
		`streamsaga_stream_dlq_entries{stream="inventory.commands"}`:                   0,
		`streamsaga_scrape_collector_success{collector="outbox"}`:                      1,
		`streamsaga_scrape_collector_success{collector="streams"}`:                     1,
		`streamsaga_barrier_records_purged_total`:                                      0,
	} {
		v, ok := sample(m, series)
		require.True(t, ok, "%s missing", series)
		require.Equal(t, want, v, series)
	}
	for _, series := range []string{
		`streamsaga_outbox_backlog_rows`, `streamsaga_outbox_oldest_age_seconds`,
		`streamsaga_stream_pending_entries{group="inventory",stream="inventory.commands"}`,
		`streamsaga_http_request_duration_seconds_bucket{code="200",method="PUT",route="/stock/{sku}",le="+Inf"}`,
		`go_goroutines`,
	} {
		_, ok := sample(m, series)
		require.True(t, ok, "%s missing", series)
	}
	require.NotContains(t, m, "WIDGET-42", "route templates, never raw paths")
	require.NotContains(t, m, "streamsaga_sagas_started_total", "saga metrics are the orchestrator's")
}
