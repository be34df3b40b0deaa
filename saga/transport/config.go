package transport

import (
	"errors"
	"time"
)

// DefaultMaxDeliveries is the default of SubscriptionConfig.MaxDeliveries.
const DefaultMaxDeliveries = 5

// SubscriptionConfig says what a Subscription reads and when it gives up
// on a message.
type SubscriptionConfig struct {
	// Stream is the logical stream to read. Required.
	Stream string
	// Group is the logical consumer group. Every group of a stream gets
	// every message; the subscriptions of one group share them. Required.
	Group string
	// Consumer names this subscription within its group; unique per
	// process. Optional: default a name the transport makes up.
	Consumer string
	// MaxDeliveries is how many times a message is handed to the handler
	// before it is moved to the dead letters. Optional: default 5.
	MaxDeliveries int64
	// BatchSize is the most messages one handler call gets.
	// Optional: default the transport's read size.
	BatchSize int
	// Linger, when positive, replaces the transport's own pacing of reads
	// for this subscription: after a read that brought some messages but
	// fewer than a full batch, the next starts no sooner than Linger after
	// it. Meant for a stream whose messages no saga step waits on, so that
	// at a light load one read takes many of them instead of one each. A
	// transport that reads no batches may ignore it. Optional: default 0,
	// the transport's pacing.
	Linger time.Duration
}

// WithDefaults returns c with its optional fields filled in, or an error
// naming the first invalid field.
func (c SubscriptionConfig) WithDefaults() (SubscriptionConfig, error) {
	switch {
	case c.Stream == "":
		return c, errors.New("subscription config: Stream is required")
	case c.Group == "":
		return c, errors.New("subscription config: Group is required")
	case c.MaxDeliveries < 0:
		return c, errors.New("subscription config: MaxDeliveries must not be negative")
	case c.BatchSize < 0:
		return c, errors.New("subscription config: BatchSize must not be negative")
	case c.Linger < 0:
		return c, errors.New("subscription config: Linger must not be negative")
	}
	if c.MaxDeliveries == 0 {
		c.MaxDeliveries = DefaultMaxDeliveries
	}
	return c, nil
}
