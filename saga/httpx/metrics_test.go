package httpx

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// observed is one request a recorder heard of.
type observed struct {
	route, method string
	code          int
}

type recorder struct {
	mu   sync.Mutex
	seen []observed
}

func (r *recorder) ObserveRequest(route, method string, code int, took time.Duration) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if took < 0 {
		panic("negative duration")
	}
	r.seen = append(r.seen, observed{route, method, code})
}

func (r *recorder) last() observed {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.seen[len(r.seen)-1]
}

// instrumented is a server's handler with a router of a few routes, a
// nested router and metrics.
func instrumented(token string) (http.Handler, *recorder) {
	r := NewRouter()
	ok := func(w http.ResponseWriter, _ *http.Request) { WriteJSON(w, http.StatusOK, "ok") }
	r.HandleFunc("/orders/{id}", ok).Methods(http.MethodGet)
	r.HandleFunc("/orders", func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(http.StatusAccepted) }).Methods(http.MethodPost)
	r.HandleFunc("/boom", func(http.ResponseWriter, *http.Request) { panic("boom") })
	inner := NewRouter()
	inner.HandleFunc("/api/items/{n}", ok)
	r.PathPrefix("/api/").Handler(inner)
	metrics := http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { _, _ = w.Write([]byte("m 1\n")) })
	rec := &recorder{}
	s := NewServer("127.0.0.1:0", token, r, testLog(), WithMetrics(rec, metrics))
	return s.srv.Handler, rec
}

func serve(h http.Handler, method, path, token string) *httptest.ResponseRecorder {
	rec := httptest.NewRecorder()
	req := httptest.NewRequest(method, path, nil)
	req.Host = "localhost"
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	h.ServeHTTP(rec, req)
	return rec
}

func TestInstrumentLabelsRouteTemplatesNotPaths(t *testing.T) {
	h, rec := instrumented("")
	for _, c := range []struct {
		method, path string
		want         observed
	}{
		{"GET", "/orders/9c762cd8", observed{"/orders/{id}", "GET", 200}},
		{"GET", "/orders/e0e0922f", observed{"/orders/{id}", "GET", 200}},
		{"POST", "/orders", observed{"/orders", "POST", 202}},
		{"GET", "/api/items/42", observed{"/api/items/{n}", "GET", 200}},
		{"GET", "/boom", observed{"/boom", "GET", 500}},
		{"GET", "/no/such/path", observed{UnmatchedRoute, "GET", 404}},
		{"DELETE", "/orders/1", observed{UnmatchedRoute, "DELETE", 405}},
		{"GET", "/metrics", observed{MetricsPath, "GET", 200}},
		{"POST", "/metrics", observed{MetricsPath, "POST", 405}},
	} {
		w := serve(h, c.method, c.path, "")
		require.Equal(t, c.want.code, w.Code, "%s %s", c.method, c.path)
		require.Equal(t, c.want, rec.last(), "%s %s", c.method, c.path)
	}
	for _, o := range rec.seen {
		require.False(t, strings.ContainsAny(o.route, "0123456789"), "route %q carries a raw path", o.route)
	}
}

func TestMetricsStayOpenWhenTheAPINeedsAToken(t *testing.T) {
	h, rec := instrumented("s3cret")
	w := serve(h, "GET", "/metrics", "")
	require.Equal(t, http.StatusOK, w.Code)
	require.Equal(t, "m 1\n", w.Body.String())
	require.Equal(t, http.StatusUnauthorized, serve(h, "GET", "/orders/1", "").Code)
	require.Equal(t, observed{UnmatchedRoute, "GET", 401}, rec.last(), "refused before routing")
	require.Equal(t, http.StatusOK, serve(h, "GET", "/orders/1", "s3cret").Code)
	require.Equal(t, observed{"/orders/{id}", "GET", 200}, rec.last())
}

func TestServerWithoutMetricsServesNone(t *testing.T) {
	r := NewRouter()
	s := NewServer("127.0.0.1:0", "", r, testLog())
	require.Equal(t, http.StatusNotFound, serve(s.srv.Handler, "GET", "/metrics", "").Code)
}

func TestStatusWriterKeepsTheFirstStatus(t *testing.T) {
	rec := &recorder{}
	h := Instrument(rec)(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		_, _ = w.Write([]byte("body"))
		w.WriteHeader(http.StatusTeapot) // superfluous: the 200 was sent
	}))
	serve(h, "GET", "/", "")
	require.Equal(t, observed{UnmatchedRoute, "GET", 200}, rec.last())
}
