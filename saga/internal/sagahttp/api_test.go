package sagahttp_test

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/sirupsen/logrus"
	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/orchestrator/orderstore/orderenv"
	"github.com/streamsaga/streamsaga/saga/driver"
	"github.com/streamsaga/streamsaga/saga/httpx"
	"github.com/streamsaga/streamsaga/saga/internal/sagahttp"
)

type fixture struct {
	srv   *httptest.Server
	db    *sql.DB
	store driver.Store
}

func newFixture(t *testing.T) *fixture {
	db, st, orderStore := orderenv.Open(t)
	log := logrus.New()
	log.SetOutput(io.Discard)
	srv := httptest.NewServer(withOrders(st, orderStore, sagahttp.New(st, logrus.NewEntry(log))))
	t.Cleanup(srv.Close)
	return &fixture{srv: srv, db: db, store: st}
}

func (f *fixture) do(t *testing.T, method, path, body string, headers ...string) (int, map[string]any, http.Header) {
	t.Helper()
	req, err := http.NewRequest(method, f.srv.URL+path, strings.NewReader(body))
	require.NoError(t, err)
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	var out map[string]any
	raw, _ := io.ReadAll(resp.Body)
	require.NoError(t, json.Unmarshal(raw, &out), "body %s", raw)
	return resp.StatusCode, out, resp.Header
}

func (f *fixture) count(t *testing.T, table string) int {
	var n int
	require.NoError(t, f.db.QueryRowContext(context.Background(), "SELECT count(*) FROM "+table).Scan(&n))
	return n
}

const goodOrder = `{"customer_id": "c1", "items": [{"sku": "A", "quantity": 2, "unit_price_cents": 1250}, {"sku": "B", "quantity": 1, "unit_price_cents": 99}]}`

func TestPlaceAndReadOrder(t *testing.T) {
	f := newFixture(t)
	status, body, h := f.do(t, http.MethodPost, "/orders", goodOrder)
	require.Equal(t, http.StatusAccepted, status)
	require.Equal(t, "PENDING", body["status"])
	id := body["order_id"].(string)
	require.Equal(t, "/orders/"+id, h.Get("Location"))
	require.NotEmpty(t, body["saga_id"])

	status, got, _ := f.do(t, http.MethodGet, "/orders/"+id, "")
	require.Equal(t, http.StatusOK, status)
	require.Equal(t, "PENDING", got["status"])
	require.Equal(t, float64(2599), got["total_cents"])
	require.Equal(t, body["saga_id"], got["saga_id"])
	require.Equal(t, "c1", got["customer_id"])
	require.Contains(t, got, "reason")

	status, notYet, _ := f.do(t, http.MethodGet, "/sagas/"+body["saga_id"].(string), "")
	require.Equal(t, http.StatusNotFound, status, "no saga before OrderCreated is handled")
	require.Contains(t, notYet["error"], "has not started yet")

	var typ, sagaID string
	require.NoError(t, f.db.QueryRowContext(context.Background(), "SELECT message_type, partition_key FROM outbox").Scan(&typ, &sagaID))
	require.Equal(t, "OrderCreated", typ)
	require.Equal(t, body["saga_id"], sagaID)
}

func TestIdempotencyKey(t *testing.T) {
	f := newFixture(t)
	s1, b1, _ := f.do(t, http.MethodPost, "/orders", goodOrder, "Idempotency-Key", "k-1")
	require.Equal(t, http.StatusAccepted, s1)
	reformatted := strings.ReplaceAll(goodOrder, " ", "")
	s2, b2, _ := f.do(t, http.MethodPost, "/orders", reformatted, "Idempotency-Key", "k-1")
	require.Contains(t, []int{http.StatusOK, http.StatusAccepted}, s2)
	require.Equal(t, b1, b2)
	s3, b3, _ := f.do(t, http.MethodPost, "/orders", `{"customer_id":"c2","items":[{"sku":"A","quantity":1,"unit_price_cents":1}]}`, "Idempotency-Key", "k-1")
	require.Equal(t, http.StatusConflict, s3)
	require.NotEmpty(t, b3["error"])
	require.Equal(t, 1, f.count(t, "orders"))
	require.Equal(t, 1, f.count(t, "outbox"))
}

func TestRejectedRequestsStoreNothing(t *testing.T) {
	f := newFixture(t)
	cases := map[string]int{
		`{"customer_id": "c1", "items": [`: 400,
		`not json`:                         400,
		`{"customer_id": 7, "items": []}`:  400,
		`{"customer_id": "c1", "items": [{"sku": "A", "quantity": "2", "unit_price_cents": 1}]}`:                    400,
		`{"customer_id": "c1", "items": [{"sku": "A", "quantity": 2, "unit_price_cents": 1}], "coupon": "x"}`:       400,
		`{"customer_id": "c1", "items": [{"sku": "A", "quantity": 1.5, "unit_price_cents": 1}]}`:                    400,
		`{"items": [{"sku": "A", "quantity": 1, "unit_price_cents": 1}]}`:                                           422,
		`{"customer_id": "c1", "items": []}`:                                                                        422,
		`{"customer_id": "c1"}`:                                                                                     422,
		`{"customer_id": "c1", "items": [{"sku": "A", "quantity": 0, "unit_price_cents": 1}]}`:                      422,
		`{"customer_id": "c1", "items": [{"sku": "A", "quantity": -1, "unit_price_cents": 1}]}`:                     422,
		`{"customer_id": "c1", "items": [{"sku": "A", "quantity": 1, "unit_price_cents": -5}]}`:                     422,
		`{"customer_id": "c1", "items": [{"sku": "", "quantity": 1, "unit_price_cents": 5}]}`:                       422,
		`{"customer_id": "` + strings.Repeat("x", 2<<20) + `", "items": []}`:                                        413,
		`{"customer_id": "c1", "customer_id": "c2", "items": [{"sku": "A", "quantity": 1, "unit_price_cents": 1}]}`: 400,
		`{"customer_id": "c1", "CUSTOMER_ID": "c2", "items": [{"sku": "A", "quantity": 1, "unit_price_cents": 1}]}`: 400,
		`{"CUSTOMER_ID": "c1", "items": [{"sku": "A", "quantity": 1, "unit_price_cents": 1}]}`:                      400,
		`{"customer_id": "c1", "items": [{"SKU": "A", "quantity": 1, "unit_price_cents": 1}]}`:                      400,
	}
	for body, want := range cases {
		status, resp, _ := f.do(t, http.MethodPost, "/orders", body)
		require.Equal(t, want, status, "%.80s", body)
		require.NotEmpty(t, resp["error"], "%.80s", body)
	}
	require.Equal(t, 0, f.count(t, "orders"))
	require.Equal(t, 0, f.count(t, "outbox"))
}

func TestPlaceOrderNeedsAJSONContentType(t *testing.T) {
	f := newFixture(t)
	for _, ct := range []string{"text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"} {
		status, resp, _ := f.do(t, http.MethodPost, "/orders", goodOrder, "Content-Type", ct)
		require.Equal(t, http.StatusUnsupportedMediaType, status, ct)
		require.Equal(t, "Content-Type must be application/json", resp["error"])
	}
	require.Equal(t, 0, f.count(t, "orders"))
	require.Equal(t, 0, f.count(t, "outbox"))
}

func TestUnknownIDsAre404AndBadQueries400(t *testing.T) {
	f := newFixture(t)
	for _, path := range []string{"/orders/" + "7d1c8a5e-0000-4000-8000-000000000000", "/orders/nope", "/sagas/nope",
		"/sagas/7d1c8a5e-0000-4000-8000-000000000000", "/nowhere"} {
		status, body, _ := f.do(t, http.MethodGet, path, "")
		require.Equal(t, http.StatusNotFound, status, path)
		require.NotEmpty(t, body["error"])
	}
	for _, q := range []string{"state=BOGUS", "limit=0", "limit=abc", "limit=100000", "cursor=bm90LWEtY3Vyc29y", "cursor=@@"} {
		status, _, _ := f.do(t, http.MethodGet, "/sagas?"+q, "")
		require.Equal(t, http.StatusBadRequest, status, q)
	}
	status, body, _ := f.do(t, http.MethodGet, "/sagas?state=COMPENSATED&limit=5", "")
	require.Equal(t, http.StatusOK, status)
	require.Empty(t, body["sagas"])
	require.Equal(t, "", body["next_cursor"])
}

func TestHealthzSaysUpOrDownOnly(t *testing.T) {
	_, st, orderStore := orderenv.Open(t)
	log := logrus.New()
	log.SetOutput(io.Discard)
	down := httpx.Check{Name: "redis", Check: func(context.Context) error {
		return errors.New("dial tcp 10.0.0.7:6379: connect: connection refused")
	}}
	up := httpx.Check{Name: "postgres", Check: func(context.Context) error { return nil }}
	srv := httptest.NewServer(withOrders(st, orderStore, sagahttp.New(st, logrus.NewEntry(log), up, down)))
	t.Cleanup(srv.Close)
	resp, err := http.Get(srv.URL + "/healthz")
	require.NoError(t, err)
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	require.Equal(t, http.StatusServiceUnavailable, resp.StatusCode)
	require.JSONEq(t, `{"status":"down","checks":{"postgres":"up","redis":"down"}}`, string(raw))
}
