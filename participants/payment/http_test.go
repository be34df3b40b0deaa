package payment_test

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

	"github.com/streamsaga/streamsaga/participants/payment"
	"github.com/streamsaga/streamsaga/participants/payment/paymentpg"
	"github.com/streamsaga/streamsaga/participants/payment/paymenttest"
	"github.com/streamsaga/streamsaga/saga"
	"github.com/streamsaga/streamsaga/saga/httpx"
	"github.com/streamsaga/streamsaga/saga/pg"
	"github.com/streamsaga/streamsaga/saga/testenv"
)

func newStore(t *testing.T) payment.Store {
	t.Helper()
	pool, err := pg.Connect(t.Context(), testenv.Database(t), paymentpg.Schema)
	require.NoError(t, err)
	t.Cleanup(pool.Close)
	return paymentpg.New(pool)
}

func quietLogger() *logrus.Entry {
	log := logrus.New()
	log.SetOutput(io.Discard)
	return logrus.NewEntry(log)
}

func newServer(t *testing.T, store payment.Store, checks ...httpx.Check) *httptest.Server {
	srv := httptest.NewServer(payment.NewHandler(store, quietLogger(), checks...))
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

func TestAccountRoundTrip(t *testing.T) {
	t.Parallel()
	store := newStore(t)
	srv := newServer(t, store)
	status, body := call(t, http.MethodPut, srv.URL+"/accounts/c1", `{"balance_cents": 5000}`)
	require.Equal(t, http.StatusOK, status)
	require.JSONEq(t, `{"customer_id":"c1","balance_cents":5000}`, body)

	require.Empty(t, paymenttest.Charge(t, store, saga.NewID(), "c1", 1250))
	status, body = call(t, http.MethodGet, srv.URL+"/accounts/c1", "")
	require.Equal(t, http.StatusOK, status)
	require.JSONEq(t, `{"customer_id":"c1","balance_cents":3750}`, body)
}

func TestAccountUnknown(t *testing.T) {
	t.Parallel()
	srv := newServer(t, newStore(t))
	status, body := call(t, http.MethodGet, srv.URL+"/accounts/nobody", "")
	require.Equal(t, http.StatusNotFound, status)
	require.JSONEq(t, `{"error":"unknown account"}`, body)
}

func TestPutAccountValidation(t *testing.T) {
	t.Parallel()
	store := newStore(t)
	srv := newServer(t, store)
	cases := map[string]struct {
		body   string
		status int
	}{
		"negative":      {`{"balance_cents": -1}`, http.StatusUnprocessableEntity},
		"missing":       {`{}`, http.StatusUnprocessableEntity},
		"wrong type":    {`{"balance_cents": "5000"}`, http.StatusBadRequest},
		"fraction":      {`{"balance_cents": 12.5}`, http.StatusBadRequest},
		"unknown field": {`{"balance_cents": 1, "currency": "EUR"}`, http.StatusBadRequest},
		"malformed":     {`{"balance_cents"`, http.StatusBadRequest},
		"empty":         {``, http.StatusBadRequest},
		"too large":     {`{"balance_cents": 1, "x": "` + strings.Repeat("a", httpx.MaxBodyBytes) + `"}`, http.StatusRequestEntityTooLarge},
	}
	for name, c := range cases {
		status, body := call(t, http.MethodPut, srv.URL+"/accounts/c1", c.body)
		require.Equal(t, c.status, status, name)
		require.Contains(t, body, `"error"`, name)
	}
	_, err := store.GetAccount(t.Context(), "c1")
	require.ErrorIs(t, err, saga.ErrNotFound, "nothing stored for a rejected request")
}

func TestAccountRoutes(t *testing.T) {
	t.Parallel()
	srv := newServer(t, newStore(t))
	status, _ := call(t, http.MethodPost, srv.URL+"/accounts/c1", `{"balance_cents": 1}`)
	require.Equal(t, http.StatusMethodNotAllowed, status)
	status, _ = call(t, http.MethodGet, srv.URL+"/accounts/"+strings.Repeat("c", 201), "")
	require.Equal(t, http.StatusBadRequest, status)
}

func TestHealthz(t *testing.T) {
	t.Parallel()
	store := newStore(t)
	status, _ := call(t, http.MethodGet, newServer(t, store).URL+"/healthz", "")
	require.Equal(t, http.StatusOK, status)

	down := httpx.Check{Name: "redis", Check: func(context.Context) error { return errors.New("connection refused") }}
	status, body := call(t, http.MethodGet, newServer(t, store, down).URL+"/healthz", "")
	require.Equal(t, http.StatusServiceUnavailable, status)
	require.Contains(t, body, "redis")
}
