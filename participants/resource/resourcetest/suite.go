package resourcetest

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/participants/resource"
	"github.com/streamsaga/streamsaga/saga/httpx"
)

// API is the API under test.
type API struct {
	// Serve serves the API over a new, empty store, with the extra /healthz
	// checks, for the test's lifetime, and returns its base URL.
	Serve func(t *testing.T, checks ...httpx.Check) string
	// ServeDown serves the API over a store whose database is down (see
	// DeadPool) and returns its base URL. Optional: without it the outage
	// case is skipped.
	ServeDown func(t *testing.T) string
	// Collection is the path before the key: "/stock"; Param is the key's
	// name in error messages: "sku".
	Collection, Param string
	// Field is the body's integer field; Extra a field the body must not
	// have.
	Field, Extra string
	// NotFound is the body of a 404: `{"error":"unknown sku"}`.
	NotFound string
	// Key, Value and Record make the round trip: PUT Value under Key
	// answers Record, and so does a GET of Key then.
	Key    string
	Value  int64
	Record string
}

// Run runs the suite, its cases in parallel, each on a server of its own.
func Run(t *testing.T, api API) {
	for name, test := range map[string]func(*testing.T, API){
		"RoundTrip": testRoundTrip, "UnknownKey": testUnknown, "PutValidation": testValidation,
		"Messages": testMessages, "Routes": testRoutes, "Healthz": testHealthz,
		"Outage": testOutage, "BadKeys": testBadKeys,
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			test(t, api)
		})
	}
}

func (a API) url(base, key string) string { return base + a.Collection + "/" + key }

func (a API) body(n any) string { return fmt.Sprintf(`{%q: %v}`, a.Field, n) }

func testRoundTrip(t *testing.T, a API) {
	base := a.Serve(t)
	body := RequireCall(t, http.StatusOK, http.MethodPut, a.url(base, a.Key), a.body(a.Value))
	require.JSONEq(t, a.Record, body)
	body = RequireCall(t, http.StatusOK, http.MethodGet, a.url(base, a.Key), "")
	require.JSONEq(t, a.Record, body)
}

func testUnknown(t *testing.T, a API) {
	body := RequireCall(t, http.StatusNotFound, http.MethodGet, a.url(a.Serve(t), "nobody"), "")
	require.JSONEq(t, a.NotFound, body)
}

func testValidation(t *testing.T, a API) {
	base := a.Serve(t)
	cases := map[string]struct {
		body   string
		status int
	}{
		"negative":      {a.body(-1), http.StatusUnprocessableEntity},
		"missing":       {`{}`, http.StatusUnprocessableEntity},
		"wrong type":    {a.body(`"10"`), http.StatusBadRequest},
		"fraction":      {a.body(1.5), http.StatusBadRequest},
		"unknown field": {fmt.Sprintf(`{%q: 1, %q: 3}`, a.Field, a.Extra), http.StatusBadRequest},
		"malformed":     {fmt.Sprintf(`{%q: `, a.Field), http.StatusBadRequest},
		"empty":         {``, http.StatusBadRequest},
		"trailing data": {a.body(1) + ` {}`, http.StatusBadRequest},
		"too large":     {fmt.Sprintf(`{%q: 1, "x": "%s"}`, a.Field, strings.Repeat("a", httpx.MaxBodyBytes)), http.StatusRequestEntityTooLarge},
		"duplicate key": {fmt.Sprintf(`{%q: 1, %q: 2}`, a.Field, a.Field), http.StatusBadRequest},
		"case variant":  {fmt.Sprintf(`{%q: 1}`, strings.ToUpper(a.Field)), http.StatusBadRequest},
	}
	for name, c := range cases {
		status, body := Call(t, http.MethodPut, a.url(base, a.Key), c.body)
		require.Equal(t, c.status, status, name)
		require.Contains(t, body, `"error"`, name)
	}
	for _, ct := range []string{"", "text/plain", "application/x-www-form-urlencoded"} {
		status, body := CallAs(t, http.MethodPut, a.url(base, a.Key), ct, a.body(1))
		require.Equal(t, http.StatusUnsupportedMediaType, status, "Content-Type %q", ct)
		require.JSONEq(t, `{"error":"Content-Type must be application/json"}`, body)
	}
	RequireCall(t, http.StatusNotFound, http.MethodGet, a.url(base, a.Key), "") // nothing stored
}

func testMessages(t *testing.T, a API) {
	base := a.Serve(t)
	body := RequireCall(t, http.StatusUnprocessableEntity, http.MethodPut, a.url(base, a.Key), a.body(-1))
	require.JSONEq(t, fmt.Sprintf(`{"error":"%s must not be negative"}`, a.Field), body)
	body = RequireCall(t, http.StatusUnprocessableEntity, http.MethodPut, a.url(base, a.Key), `{}`)
	require.JSONEq(t, fmt.Sprintf(`{"error":"%s is required"}`, a.Field), body)
	long := strings.Repeat("k", resource.MaxKeyLength+1)
	body = RequireCall(t, http.StatusBadRequest, http.MethodGet, a.url(base, long), "")
	require.JSONEq(t, fmt.Sprintf(`{"error":"%s must have 1 to 200 characters"}`, a.Param), body)
}

func testRoutes(t *testing.T, a API) {
	base := a.Serve(t)
	RequireCall(t, http.StatusMethodNotAllowed, http.MethodDelete, a.url(base, a.Key), "")
	RequireCall(t, http.StatusMethodNotAllowed, http.MethodPost, a.url(base, a.Key), a.body(1))
	RequireCall(t, http.StatusNotFound, http.MethodGet, base+a.Collection, "")
	long := strings.Repeat("k", resource.MaxKeyLength+1)
	RequireCall(t, http.StatusBadRequest, http.MethodGet, a.url(base, long), "")
}

func testHealthz(t *testing.T, a API) {
	body := RequireCall(t, http.StatusOK, http.MethodGet, a.Serve(t)+"/healthz", "")
	require.JSONEq(t, `{"status":"ok","checks":{}}`, body)

	down := httpx.Check{Name: "redis", Check: func(context.Context) error { return errors.New("dial tcp 10.0.0.7:6379: connection refused") }}
	body = RequireCall(t, http.StatusServiceUnavailable, http.MethodGet, a.Serve(t, down)+"/healthz", "")
	require.JSONEq(t, `{"status":"down","checks":{"redis":"down"}}`, body, "names and up/down only")
}
