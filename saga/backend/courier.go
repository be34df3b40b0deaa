package backend

import (
	"context"
	"fmt"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/sirupsen/logrus"

	"github.com/streamsaga/streamsaga/saga/metrics"
	"github.com/streamsaga/streamsaga/saga/outbox"
	"github.com/streamsaga/streamsaga/saga/pg"
)

// Courier publishes the outbox messages of the service's transactions
// right after they commit (outbox.Courier), on PostgreSQL: those its
// stores run on the DB's Postgres field; the relay publishes whatever it
// did not. On SQLite, whose relay is woken in the process, it does
// nothing. Start it before the parts that write messages and stop it
// after them.
type Courier struct {
	courier *outbox.Courier
	db      *pg.DB
	undo    func()
}

// Courier returns the service's courier, publishing through pub.
func (d DB) Courier(pub outbox.Publisher, log *logrus.Entry) (*Courier, error) {
	if d.Postgres == nil {
		return &Courier{}, nil
	}
	c, err := outbox.NewCourier(pub, pg.NewOutboxSource(d.Postgres.Pool(), d.Schema), outbox.CourierConfig{Logger: log})
	if err != nil {
		return nil, fmt.Errorf("creating the outbox courier: %w", err)
	}
	return &Courier{courier: c, db: d.Postgres}, nil
}

// Collectors are the courier's metrics (metrics.Courier); none on SQLite.
func (c *Courier) Collectors() []prometheus.Collector {
	if c.courier == nil {
		return nil
	}
	return []prometheus.Collector{metrics.NewCourier(c.courier)}
}

// Start has the transactions of the DB's Postgres field hand their
// messages to the courier and starts it.
func (c *Courier) Start(ctx context.Context) error {
	if c.courier == nil {
		return nil
	}
	c.undo = c.db.PublishAfterCommit(c.courier)
	if err := c.courier.Start(ctx); err != nil {
		c.undo()
		return fmt.Errorf("starting the outbox courier: %w", err)
	}
	return nil
}

// Stop leaves new messages to the relay again, then publishes what is
// queued and stops (see outbox.Courier.Stop).
func (c *Courier) Stop(ctx context.Context) error {
	if c.courier == nil {
		return nil
	}
	if c.undo != nil {
		c.undo()
	}
	return c.courier.Stop(ctx)
}
