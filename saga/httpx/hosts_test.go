package httpx

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/stretchr/testify/require"
)

// server serves a router with GET and POST /orders through a server on
// addr with opts, and answers one request to it.
func server(addr string, opts ...ServerOption) func(method, path, host string, headers ...string) *httptest.ResponseRecorder {
	r := NewRouter()
	r.HandleFunc("/orders", func(w http.ResponseWriter, _ *http.Request) { WriteJSON(w, http.StatusOK, "ok") }).
		Methods(http.MethodGet, http.MethodPost)
	r.HandleFunc("/healthz", func(w http.ResponseWriter, _ *http.Request) { WriteJSON(w, http.StatusOK, "ok") })
	h := NewServer(addr, "", r, testLog(), opts...).srv.Handler
	return func(method, path, host string, headers ...string) *httptest.ResponseRecorder {
		req := httptest.NewRequest(method, path, nil)
		req.Host = host
		for i := 0; i+1 < len(headers); i += 2 {
			req.Header.Set(headers[i], headers[i+1])
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		return rec
	}
}

func TestServerAnswersOnlyItsHostNames(t *testing.T) {
	do := server("10.1.2.3:8080")
	for host, want := range map[string]int{
		"localhost:8080": http.StatusOK, "LOCALHOST.:8080": http.StatusOK, "127.0.0.1:8080": http.StatusOK,
		"[::1]:8080": http.StatusOK, "10.1.2.3:8080": http.StatusOK, "localhost": http.StatusOK,
		"rebound.example:8080": http.StatusBadRequest, "127.0.0.1.nip.io:8080": http.StatusBadRequest,
		"": http.StatusBadRequest,
	} {
		rec := do(http.MethodGet, "/orders", host)
		require.Equal(t, want, rec.Code, "Host %q", host)
		if want == http.StatusBadRequest {
			require.Contains(t, rec.Body.String(), "ALLOWED_HOSTS")
		}
	}
	require.Equal(t, http.StatusOK, do(http.MethodGet, "/healthz", "10.9.9.9:8080").Code, "probes may use any address")
}

func TestServerAnswersTheConfiguredHosts(t *testing.T) {
	do := server("127.0.0.1:8080", WithAllowedHosts("orders.example.com", "Shop.Example.com"))
	require.Equal(t, http.StatusOK, do(http.MethodGet, "/orders", "orders.example.com").Code)
	require.Equal(t, http.StatusOK, do(http.MethodGet, "/orders", "shop.example.com:443").Code)
	require.Equal(t, http.StatusBadRequest, do(http.MethodGet, "/orders", "localhost:8080").Code, "the list replaces the defaults")
	any := server("127.0.0.1:8080", WithAllowedHosts(AnyHost))
	require.Equal(t, http.StatusOK, any(http.MethodGet, "/orders", "whatever.example").Code)
}

func TestServerRefusesCrossSiteWrites(t *testing.T) {
	do := server("127.0.0.1:8080")
	const host = "127.0.0.1:8080"
	for _, c := range []struct {
		method  string
		headers []string
		want    int
	}{
		{http.MethodPost, nil, http.StatusOK},
		{http.MethodPost, []string{"Origin", "http://127.0.0.1:8080"}, http.StatusOK},
		{http.MethodPost, []string{"Sec-Fetch-Site", "same-origin", "Origin", "http://127.0.0.1:8080"}, http.StatusOK},
		{http.MethodPost, []string{"Origin", "https://evil.example"}, http.StatusForbidden},
		{http.MethodPost, []string{"Origin", "http://127.0.0.1:9999"}, http.StatusForbidden},
		{http.MethodPost, []string{"Origin", "null"}, http.StatusForbidden},
		{http.MethodPost, []string{"Sec-Fetch-Site", "cross-site"}, http.StatusForbidden},
		{http.MethodGet, []string{"Origin", "https://evil.example", "Sec-Fetch-Site", "cross-site"}, http.StatusOK},
	} {
		rec := do(c.method, "/orders", host, c.headers...)
		require.Equal(t, c.want, rec.Code, "%s %v", c.method, c.headers)
		if c.want == http.StatusForbidden {
			require.Contains(t, rec.Body.String(), `"error"`)
		}
	}
}
