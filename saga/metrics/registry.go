package metrics

import (
	"fmt"
	"net/http"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// Registry is one service's metrics: a prometheus.Registry of its own with
// the Go runtime, process, call (Calls) and HTTP collectors registered.
type Registry struct {
	*prometheus.Registry
	// HTTP counts and times the service's HTTP requests.
	HTTP *HTTP
}

// New returns a service's registry.
func New() (*Registry, error) {
	reg := prometheus.NewRegistry()
	err := Register(reg,
		collectors.NewGoCollector(),
		collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}),
		NewCalls())
	if err != nil {
		return nil, err
	}
	h, err := NewHTTP(reg)
	if err != nil {
		return nil, err
	}
	return &Registry{Registry: reg, HTTP: h}, nil
}

// Handler serves the registry in the Prometheus text (or OpenMetrics)
// format. A collector that fails makes the scrape partial, not empty.
func (r *Registry) Handler() http.Handler {
	return promhttp.HandlerFor(r.Registry, promhttp.HandlerOpts{ErrorHandling: promhttp.ContinueOnError})
}

// Register registers every collector, naming the first that fails.
func Register(reg prometheus.Registerer, cs ...prometheus.Collector) error {
	for _, c := range cs {
		if err := reg.Register(c); err != nil {
			return fmt.Errorf("registering %T: %w", c, err)
		}
	}
	return nil
}
