package metrics

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/streamsaga/streamsaga/saga/outbox"
)

// OutboxStats is what the outbox collector reads; every outbox.Source has
// it.
type OutboxStats interface {
	// Backlog counts the messages not yet published, up to
	// outbox.BacklogCountLimit+1.
	Backlog(ctx context.Context) (int64, error)
	// OldestAge is how long the oldest of them has waited; zero when none.
	OldestAge(ctx context.Context) (time.Duration, error)
}

// Outbox collects a service's outbox backlog at scrape time.
type Outbox struct {
	src                           OutboxStats
	opts                          ScrapeOptions
	backlog, capped, age, success *prometheus.Desc
}

var _ prometheus.Collector = (*Outbox)(nil)

// NewOutbox returns the collector of src.
func NewOutbox(src OutboxStats, opts ScrapeOptions) *Outbox {
	return &Outbox{
		src: src, opts: opts,
		backlog: prometheus.NewDesc("streamsaga_outbox_backlog_rows",
			"Messages in the service's outbox not yet published to Redis.", nil, nil),
		capped: prometheus.NewDesc("streamsaga_outbox_backlog_capped",
			"1 when the outbox holds more messages than streamsaga_outbox_backlog_rows shows (it stops counting at its limit).", nil, nil),
		age: prometheus.NewDesc("streamsaga_outbox_oldest_age_seconds",
			"How long the oldest message in the service's outbox has waited to be published; 0 when the outbox is empty.", nil, nil),
		success: successDesc("outbox"),
	}
}

// Describe sends the descriptions of the outbox series.
func (o *Outbox) Describe(ch chan<- *prometheus.Desc) {
	ch <- o.backlog
	ch <- o.capped
	ch <- o.age
	ch <- o.success
}

// Collect reads the backlog and the oldest row's age, within the scrape
// timeout; a series that cannot be read is left out.
func (o *Outbox) Collect(ch chan<- prometheus.Metric) {
	ctx, cancel := o.opts.context()
	defer cancel()
	n, errBacklog := o.src.Backlog(ctx)
	if errBacklog == nil {
		o.collectBacklog(ch, n)
	}
	age, errAge := o.src.OldestAge(ctx)
	if errAge == nil {
		ch <- prometheus.MustNewConstMetric(o.age, prometheus.GaugeValue, age.Seconds())
	}
	if err := errors.Join(errBacklog, errAge); err != nil {
		o.opts.warn("outbox", fmt.Errorf("reading the outbox: %w", err))
	}
	ch <- successMetric(o.success, errBacklog == nil && errAge == nil)
}

// collectBacklog sends the backlog, capped at outbox.BacklogCountLimit,
// and whether it was capped.
func (o *Outbox) collectBacklog(ch chan<- prometheus.Metric, n int64) {
	capped := 0.0
	if n > outbox.BacklogCountLimit {
		n, capped = outbox.BacklogCountLimit, 1
	}
	ch <- prometheus.MustNewConstMetric(o.backlog, prometheus.GaugeValue, float64(n))
	ch <- prometheus.MustNewConstMetric(o.capped, prometheus.GaugeValue, capped)
}
