package httpx

import (
	"context"
	"net/http"
	"time"

	"github.com/gorilla/mux"
)

// MetricsPath is where a server with metrics serves them. Like /healthz it
// needs no token: it holds counts and timings by route template, saga
// type, step and stream, never an id or a body.
const MetricsPath = "/metrics"

// Route labels of requests that have no path template: no route matched
// them (404, 405, or 401 before routing), or the route that did has no
// path.
const (
	UnmatchedRoute = "unmatched"
	UnnamedRoute   = "unnamed"
)

// RequestObserver hears of every request a server answered: its route
// template ("/orders/{id}", never the raw path, or UnmatchedRoute), method,
// status code and duration.
type RequestObserver interface {
	ObserveRequest(route, method string, code int, took time.Duration)
}

// routeKey holds, in a request's context, where captureRoute writes the
// template of the route that matched.
type routeKey struct{}

// Instrument reports every request to obs with the template of the route
// that served it, as captured by the routers of NewRouter.
func Instrument(obs RequestObserver) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			start := time.Now()
			route := UnmatchedRoute
			sw := &statusWriter{ResponseWriter: w, status: http.StatusOK}
			next.ServeHTTP(sw, r.WithContext(context.WithValue(r.Context(), routeKey{}, &route)))
			obs.ObserveRequest(route, r.Method, sw.status, time.Since(start))
		})
	}
}

// captureRoute is the middleware of every NewRouter: it records the path
// template of the matched route for Instrument (UnnamedRoute for a route
// matched without a path). A router nested in another runs last and
// records the more specific template.
func captureRoute(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if route := mux.CurrentRoute(r); route != nil {
			t, err := route.GetPathTemplate()
			if err != nil {
				t = UnnamedRoute
			}
			setRoute(r, t)
		}
		next.ServeHTTP(w, r)
	})
}

// setRoute records route for Instrument, if the request is instrumented.
func setRoute(r *http.Request, route string) {
	if p, ok := r.Context().Value(routeKey{}).(*string); ok && route != "" {
		*p = route
	}
}

// withMetricsEndpoint serves GET and HEAD MetricsPath with metrics and
// everything else with next.
func withMetricsEndpoint(metrics, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != MetricsPath {
			next.ServeHTTP(w, r)
			return
		}
		setRoute(r, MetricsPath)
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			w.Header().Set("Allow", "GET, HEAD")
			WriteError(w, http.StatusMethodNotAllowed, "method not allowed")
			return
		}
		metrics.ServeHTTP(w, r)
	})
}
