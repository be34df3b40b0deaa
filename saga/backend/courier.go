package backend

import (
	"context"

	"github.com/prometheus/client_golang/prometheus"
)

// Courier publishes the outbox messages of the service's transactions
// right after they commit (outbox.Courier), where the database hands them
// over; the relay publishes whatever it did not. A database whose relay
// is woken in the process (SQLite) gives one that does nothing. Start it
// before the parts that write messages and stop it after them.
type Courier interface {
	// Start has the database's transactions hand their messages to the
	// courier and starts it.
	Start(ctx context.Context) error
	// Stop leaves new messages to the relay again, then publishes what is
	// queued and stops.
	Stop(ctx context.Context) error
	// Collectors are the courier's metrics; none when it does nothing.
	Collectors() []prometheus.Collector
}
