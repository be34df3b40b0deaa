package app_test

import (
	"bufio"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
	"github.com/sirupsen/logrus"
	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/orchestrator/app"
	"github.com/streamsaga/streamsaga/orchestrator/orderstore/ordersqlite"
	"github.com/streamsaga/streamsaga/saga/config"
	"github.com/streamsaga/streamsaga/saga/driver/sqlitedriver"
	"github.com/streamsaga/streamsaga/saga/sqlite"
	"github.com/streamsaga/streamsaga/saga/testenv"
)

const token = "s3cret"

// noClose keeps the app from closing the test's Redis client, which the
// test cleans up after.
type noClose struct{ redis.UniversalClient }

func (noClose) Close() error { return nil }

// startApp runs an orchestrator on SQLite and the test Redis, with
// API_TOKEN set, and returns its base URL.
func startApp(t *testing.T) string {
	base, _, _ := startAppWith(t, nil)
	return base
}

// startAppWith is startApp with cfg edited by edit (when not nil); it
// also returns the app's Redis and stream prefix.
func startAppWith(t *testing.T, edit func(cfg *config.Config)) (string, *redis.Client, string) {
	db, err := ordersqlite.Open(t.Context(), filepath.Join(t.TempDir(), "orchestrator.db"))
	require.NoError(t, err)
	rdb, prefix := testenv.Redis(t)
	l := logrus.New()
	l.SetOutput(io.Discard)
	cfg := config.Config{HTTPAddr: "127.0.0.1:0", StreamPrefix: prefix, APIToken: token,
		ClaimMinIdle: 30 * time.Second, InboxRetention: config.MinInboxRetention}
	if edit != nil {
		edit(&cfg)
	}
	a, err := app.Build(cfg, app.Backends{DB: sqlite.NewBackend(db), Store: sqlitedriver.New(db), Orders: ordersqlite.New(db), Redis: noClose{rdb}}, logrus.NewEntry(l))
	require.NoError(t, err)
	require.NoError(t, a.Start(t.Context()))
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		require.NoError(t, a.Stop(ctx))
	})
	return "http://" + a.Addr(), rdb, prefix
}

// call sends a request with the token and returns the status and body.
func call(t *testing.T, method, url, body string) (int, string) {
	resp, b := request(t, method, url, body)
	return resp.StatusCode, b
}

// request sends a request with the token and returns the answer, its
// body read.
func request(t *testing.T, method, url, body string) (*http.Response, string) {
	req, err := http.NewRequestWithContext(t.Context(), method, url, strings.NewReader(body))
	require.NoError(t, err)
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return resp, string(b)
}

// scrape reads /metrics with no token.
func scrape(t *testing.T, base string) string {
	resp, err := http.Get(base + "/metrics")
	require.NoError(t, err)
	defer resp.Body.Close()
	require.Equal(t, http.StatusOK, resp.StatusCode, "/metrics stays open like /healthz")
	b, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return string(b)
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

func TestMetricsOfTheOrchestrator(t *testing.T) {
	base := startApp(t)
	status, body := call(t, http.MethodPost, base+"/orders",
		`{"customer_id":"c1","items":[{"sku":"A","quantity":1,"unit_price_cents":100}]}`)
	require.Equal(t, http.StatusAccepted, status, body)
	var placed struct {
		OrderID string `json:"order_id"`
	}
	require.NoError(t, json.Unmarshal([]byte(body), &placed))
	status, _ = call(t, http.MethodGet, base+"/orders/"+placed.OrderID, "")
	require.Equal(t, http.StatusOK, status)

	started := `streamsaga_sagas_started_total{saga_type="order"}`
	var m string
	require.Eventually(t, func() bool {
		m = scrape(t, base)
		v, _ := sample(m, started)
		return v == 1
	}, 15*time.Second, 50*time.Millisecond, "the relay publishes OrderCreated, the consumer starts the saga")

	for series, want := range map[string]float64{
		`streamsaga_http_requests_total{code="202",method="POST",route="/orders"}`:     1,
		`streamsaga_http_requests_total{code="200",method="GET",route="/orders/{id}"}`: 1,
		`streamsaga_sagas_completed_total{saga_type="order"}`:                          0,
		`streamsaga_scrape_collector_success{collector="outbox"}`:                      1,
		`streamsaga_scrape_collector_success{collector="streams"}`:                     1,
		`streamsaga_stream_dlq_entries{stream="orders.events"}`:                        0,
		`streamsaga_stream_dlq_entries{stream="orchestrator.replies"}`:                 0,
	} {
		v, ok := sample(m, series)
		require.True(t, ok, "%s missing", series)
		require.Equal(t, want, v, series)
	}
	for _, series := range []string{
		`streamsaga_outbox_backlog_rows`, `streamsaga_outbox_oldest_age_seconds`,
		`streamsaga_stream_pending_entries{group="orchestrator",stream="orders.events"}`,
		`streamsaga_stream_lag_entries{group="orchestrator",stream="orders.events"}`,
		`streamsaga_stream_pending_entries{group="orchestrator",stream="orchestrator.replies"}`,
		`streamsaga_http_request_duration_seconds_count{code="202",method="POST",route="/orders"}`,
	} {
		_, ok := sample(m, series)
		require.True(t, ok, "%s missing", series)
	}
	require.Contains(t, m, "# HELP streamsaga_outbox_backlog_rows ")
	require.NotContains(t, m, placed.OrderID, "route templates, never raw paths")
}

// send sends a request with the token after edit changed it, and returns
// the status.
func send(t *testing.T, method, url, body string, edit func(*http.Request)) int {
	req, err := http.NewRequestWithContext(t.Context(), method, url, strings.NewReader(body))
	require.NoError(t, err)
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Content-Type", "application/json")
	edit(req)
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	_, _ = io.Copy(io.Discard, resp.Body)
	return resp.StatusCode
}

func TestOrchestratorRefusesOtherHostsAndCrossSiteWrites(t *testing.T) {
	base := startApp(t)
	const order = `{"customer_id":"c1","items":[{"sku":"A","quantity":1,"unit_price_cents":100}]}`
	rebound := func(r *http.Request) { r.Host = "rebound.example" }
	require.Equal(t, http.StatusBadRequest, send(t, http.MethodGet, base+"/sagas", "", rebound))
	require.Equal(t, http.StatusBadRequest, send(t, http.MethodPost, base+"/orders", order, rebound))
	crossSite := func(r *http.Request) { r.Header.Set("Origin", "https://evil.example") }
	require.Equal(t, http.StatusForbidden, send(t, http.MethodPost, base+"/orders", order, crossSite))
	require.Equal(t, http.StatusForbidden, send(t, http.MethodPost, base+"/sagas/"+"7d1c8a5e-0000-4000-8000-000000000000"+"/retry", "", crossSite))
	sameSite := func(r *http.Request) { r.Header.Set("Origin", base) }
	require.Equal(t, http.StatusAccepted, send(t, http.MethodPost, base+"/orders", order, sameSite))
	require.Equal(t, http.StatusOK, send(t, http.MethodGet, base+"/healthz", "", rebound), "probes may use any address")
}
