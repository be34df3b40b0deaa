package metrics

import (
	"context"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/sirupsen/logrus"
)

// DefaultScrapeTimeout bounds what a scrape-time collector reads.
const DefaultScrapeTimeout = 2 * time.Second

// ScrapeOptions configure a collector that reads its source at scrape time.
type ScrapeOptions struct {
	// Timeout bounds one collection. Optional: default DefaultScrapeTimeout.
	Timeout time.Duration
	// Log gets a warning when a collection fails. Optional: default none.
	Log *logrus.Entry
}

// context returns the context of one collection.
func (o ScrapeOptions) context() (context.Context, context.CancelFunc) {
	timeout := o.Timeout
	if timeout <= 0 {
		timeout = DefaultScrapeTimeout
	}
	return context.WithTimeout(context.Background(), timeout)
}

// warn logs a failed collection, when there is a logger.
func (o ScrapeOptions) warn(collector string, err error) {
	if o.Log != nil {
		o.Log.WithError(err).WithField("collector", collector).Warn("metrics: collection failed; its series are left out of this scrape")
	}
}

// successDesc is the description of streamsaga_scrape_collector_success
// for one collector.
func successDesc(collector string) *prometheus.Desc {
	return prometheus.NewDesc("streamsaga_scrape_collector_success",
		"1 when a scrape-time collector read its source, 0 when it failed (its series are then missing).",
		nil, prometheus.Labels{"collector": collector})
}

// successMetric is 1 for ok, 0 otherwise.
func successMetric(desc *prometheus.Desc, ok bool) prometheus.Metric {
	v := 0.0
	if ok {
		v = 1
	}
	return prometheus.MustNewConstMetric(desc, prometheus.GaugeValue, v)
}
