package inventory_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/sirupsen/logrus"
	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/participants/inventory"
	"github.com/streamsaga/streamsaga/participants/inventory/inventorypg"
	"github.com/streamsaga/streamsaga/participants/inventory/inventorytest"
	"github.com/streamsaga/streamsaga/saga"
	"github.com/streamsaga/streamsaga/saga/httpx"
	"github.com/streamsaga/streamsaga/saga/pg"
	"github.com/streamsaga/streamsaga/saga/testenv"
)

func newStore(t *testing.T) inventory.Store {
	t.Helper()
	pool, err := pg.Connect(t.Context(), testenv.Database(t), inventorypg.Schema)
	require.NoError(t, err)
	t.Cleanup(pool.Close)
	return inventorypg.New(pool)
}

func newServer(t *testing.T, store inventory.Store, checks ...httpx.Check) *httptest.Server {
	log := logrus.New()
	log.SetOutput(io.Discard)
	srv := httptest.NewServer(inventory.NewHandler(store, logrus.NewEntry(log), checks...))
	t.Cleanup(srv.Close)
	return srv
}

// call sends body (if any) and returns the status and the response body.
func call(t *testing.T, method, url, body string) (int, string) {
	t.Helper()
	req, err := http.NewRequestWithContext(t.Context(), method, url, strings.NewReader(body))
	require.NoError(t, err)
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	require.Equal(t, "application/json", resp.Header.Get("Content-Type"))
	return resp.StatusCode, string(b)
}

func TestStockRoundTrip(t *testing.T) {
	t.Parallel()
	store := newStore(t)
	srv := newServer(t, store)
	status, body := call(t, http.MethodPut, srv.URL+"/stock/A", `{"available": 10}`)
	require.Equal(t, http.StatusOK, status)
	require.JSONEq(t, `{"sku":"A","available":10,"reserved":0}`, body)

	require.Empty(t, inventorytest.Reserve(t, store, saga.NewID(), inventory.Item{SKU: "A", Quantity: 4}))
	status, body = call(t, http.MethodPut, srv.URL+"/stock/A", `{"available": 2}`)
	require.Equal(t, http.StatusOK, status)
	require.JSONEq(t, `{"sku":"A","available":2,"reserved":4}`, body, "reserved units are kept")
	status, body = call(t, http.MethodGet, srv.URL+"/stock/A", "")
	require.Equal(t, http.StatusOK, status)
	require.JSONEq(t, `{"sku":"A","available":2,"reserved":4}`, body)
}

func TestStockUnknownSKU(t *testing.T) {
	t.Parallel()
	srv := newServer(t, newStore(t))
	status, body := call(t, http.MethodGet, srv.URL+"/stock/nope", "")
	require.Equal(t, http.StatusNotFound, status)
	require.JSONEq(t, `{"error":"unknown sku"}`, body)
}

func TestPutStockValidation(t *testing.T) {
	t.Parallel()
	store := newStore(t)
	srv := newServer(t, store)
	cases := map[string]struct {
		body   string
		status int
	}{
		"negative":      {`{"available": -1}`, http.StatusUnprocessableEntity},
		"missing":       {`{}`, http.StatusUnprocessableEntity},
		"wrong type":    {`{"available": "10"}`, http.StatusBadRequest},
		"fraction":      {`{"available": 1.5}`, http.StatusBadRequest},
		"unknown field": {`{"available": 1, "reserved": 3}`, http.StatusBadRequest},
		"malformed":     {`{"available": `, http.StatusBadRequest},
		"empty":         {``, http.StatusBadRequest},
		"trailing data": {`{"available": 1} {}`, http.StatusBadRequest},
		"too large":     {`{"available": 1, "x": "` + strings.Repeat("a", httpx.MaxBodyBytes) + `"}`, http.StatusRequestEntityTooLarge},
	}
	for name, c := range cases {
		status, body := call(t, http.MethodPut, srv.URL+"/stock/A", c.body)
		require.Equal(t, c.status, status, name)
		require.Contains(t, body, `"error"`, name)
	}
	_, err := store.GetStock(t.Context(), "A")
	require.ErrorIs(t, err, saga.ErrNotFound, "nothing stored for a rejected request")
}

func TestStockRoutes(t *testing.T) {
	t.Parallel()
	srv := newServer(t, newStore(t))
	status, _ := call(t, http.MethodDelete, srv.URL+"/stock/A", "")
	require.Equal(t, http.StatusMethodNotAllowed, status)
	status, _ = call(t, http.MethodGet, srv.URL+"/stock", "")
	require.Equal(t, http.StatusNotFound, status)
	status, _ = call(t, http.MethodGet, srv.URL+"/stock/"+strings.Repeat("s", 201), "")
	require.Equal(t, http.StatusBadRequest, status)
}

func TestHealthz(t *testing.T) {
	t.Parallel()
	store := newStore(t)
	status, body := call(t, http.MethodGet, newServer(t, store).URL+"/healthz", "")
	require.Equal(t, http.StatusOK, status)
	require.JSONEq(t, `{"status":"ok"}`, body)

	down := httpx.Check{Name: "redis", Check: func(context.Context) error { return errors.New("connection refused") }}
	status, body = call(t, http.MethodGet, newServer(t, store, down).URL+"/healthz", "")
	require.Equal(t, http.StatusServiceUnavailable, status)
	require.Contains(t, body, "redis")
}
