package metrics

import (
	"github.com/prometheus/client_golang/prometheus"

	"github.com/streamsaga/streamsaga/saga/outbox"
)

// CourierStats is what the courier collector reads; *outbox.Courier has it.
type CourierStats interface {
	Stats() outbox.CourierStats
}

// Courier collects what a service's courier (publishing right after
// commit) did: its queue, the messages it published and those it left to
// the relay.
type Courier struct {
	src                      CourierStats
	queued, published, relay *prometheus.Desc
}

var _ prometheus.Collector = (*Courier)(nil)

// NewCourier returns the collector of src.
func NewCourier(src CourierStats) *Courier {
	return &Courier{
		src: src,
		queued: prometheus.NewDesc("streamsaga_outbox_courier_queued_messages",
			"Committed messages waiting for the service's courier to publish them.", nil, nil),
		published: prometheus.NewDesc("streamsaga_outbox_courier_published_total",
			"Messages the service's courier published right after their commit.", nil, nil),
		relay: prometheus.NewDesc("streamsaga_outbox_courier_left_to_relay_total",
			"Messages the service's courier left to the relay: Redis refused them for their whole lease, or its queue was full.", nil, nil),
	}
}

// Describe sends the descriptions of the courier series.
func (c *Courier) Describe(ch chan<- *prometheus.Desc) {
	ch <- c.queued
	ch <- c.published
	ch <- c.relay
}

// Collect reads the courier's figures.
func (c *Courier) Collect(ch chan<- prometheus.Metric) {
	s := c.src.Stats()
	ch <- prometheus.MustNewConstMetric(c.queued, prometheus.GaugeValue, float64(s.Queued))
	ch <- prometheus.MustNewConstMetric(c.published, prometheus.CounterValue, float64(s.Published))
	ch <- prometheus.MustNewConstMetric(c.relay, prometheus.CounterValue, float64(s.LeftToRelay))
}
