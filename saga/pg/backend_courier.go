package pg

import (
	"context"
	"fmt"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/streamsaga/streamsaga/saga/metrics"
	"github.com/streamsaga/streamsaga/saga/outbox"
)

// courier is the backend's courier (backend.Courier): an outbox.Courier
// that the transactions of one DB hand their messages to while it runs.
type courier struct {
	courier *outbox.Courier
	db      *DB
	undo    func()
}

// Collectors are the courier's metrics (metrics.Courier).
func (c *courier) Collectors() []prometheus.Collector {
	return []prometheus.Collector{metrics.NewCourier(c.courier)}
}

// Start has the DB's transactions hand their messages to the courier and
// starts it.
func (c *courier) Start(ctx context.Context) error {
	c.undo = c.db.PublishAfterCommit(c.courier)
	if err := c.courier.Start(ctx); err != nil {
		c.undo()
		return fmt.Errorf("starting the outbox courier: %w", err)
	}
	return nil
}

// Stop leaves new messages to the relay again, then publishes what is
// queued and stops (see outbox.Courier.Stop).
func (c *courier) Stop(ctx context.Context) error {
	if c.undo != nil {
		c.undo()
	}
	return c.courier.Stop(ctx)
}
