package metrics

import (
	"net/http"
	"strconv"
	"time"

	"github.com/prometheus/client_golang/prometheus"
)

// HTTP counts and times HTTP requests by route template, method and status
// code. It is the httpx.RequestObserver of a service's server.
type HTTP struct {
	requests *prometheus.CounterVec
	duration *prometheus.HistogramVec
}

// NewHTTP registers the HTTP request metrics in reg.
func NewHTTP(reg prometheus.Registerer) (*HTTP, error) {
	labels := []string{"route", "method", "code"}
	h := &HTTP{
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "streamsaga_http_requests_total",
			Help: "HTTP requests served, by route template (\"unmatched\" when no route matched), method and status code.",
		}, labels),
		duration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "streamsaga_http_request_duration_seconds",
			Help:    "Time to serve an HTTP request, by route template, method and status code.",
			Buckets: prometheus.DefBuckets,
		}, labels),
	}
	if err := Register(reg, h.requests, h.duration); err != nil {
		return nil, err
	}
	return h, nil
}

// ObserveRequest records one request. route must be a template or another
// bounded name, never a raw path; methods outside the standard ones are
// recorded as OTHER.
func (h *HTTP) ObserveRequest(route, method string, code int, took time.Duration) {
	lv := []string{route, methodLabel(method), strconv.Itoa(code)}
	h.requests.WithLabelValues(lv...).Inc()
	h.duration.WithLabelValues(lv...).Observe(took.Seconds())
}

// methodLabel bounds the method label to the standard methods.
func methodLabel(m string) string {
	switch m {
	case http.MethodGet, http.MethodHead, http.MethodPost, http.MethodPut, http.MethodPatch,
		http.MethodDelete, http.MethodOptions, http.MethodConnect, http.MethodTrace:
		return m
	}
	return "OTHER"
}
