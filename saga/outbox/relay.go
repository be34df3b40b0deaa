package outbox

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/sirupsen/logrus"
)

// Relay defaults.
const (
	DefaultBatchSize    = 256
	DefaultPollInterval = time.Second
	DefaultMaxBackoff   = 10 * time.Second
	DefaultPassTimeout  = 30 * time.Second
)

// RelayConfig configures a Relay.
type RelayConfig struct {
	// BatchSize is the most messages one pass claims and publishes.
	// Optional: default DefaultBatchSize (256).
	BatchSize int
	// PollInterval is how long the relay waits for a notification before it
	// looks at the outbox anyway; notifications wake it at once, so this
	// only bounds the delay when one is lost.
	// Optional: default DefaultPollInterval (1s).
	PollInterval time.Duration
	// MaxBackoff caps the wait after failed passes, which doubles from a
	// tenth of a second (or MaxBackoff, if smaller) while they keep failing.
	// Optional: default DefaultMaxBackoff (10s).
	MaxBackoff time.Duration
	// PassTimeout bounds one pass: claim, publish and delete.
	// Optional: default DefaultPassTimeout (30s).
	PassTimeout time.Duration
	// Logger gets one line per failed pass or wait.
	// Optional: default the standard logrus logger.
	Logger *logrus.Entry
}

func (c *RelayConfig) setDefaults() {
	c.BatchSize = orDefault(c.BatchSize, DefaultBatchSize)
	c.PollInterval = orDefault(c.PollInterval, DefaultPollInterval)
	c.MaxBackoff = orDefault(c.MaxBackoff, DefaultMaxBackoff)
	c.PassTimeout = orDefault(c.PassTimeout, DefaultPassTimeout)
	c.Logger = orDefault(c.Logger, logrus.NewEntry(logrus.StandardLogger()))
}

// orDefault is v, or def when v is the zero value.
func orDefault[T comparable](v, def T) T {
	var zero T
	if v == zero {
		return def
	}
	return v
}

func (c *RelayConfig) validate() error {
	switch {
	case c.BatchSize < 0:
		return fmt.Errorf("outbox relay: BatchSize %d is negative", c.BatchSize)
	case c.PollInterval < 0:
		return fmt.Errorf("outbox relay: PollInterval %s is negative", c.PollInterval)
	case c.MaxBackoff < 0:
		return fmt.Errorf("outbox relay: MaxBackoff %s is negative", c.MaxBackoff)
	case c.PassTimeout < 0:
		return fmt.Errorf("outbox relay: PassTimeout %s is negative", c.PassTimeout)
	}
	return nil
}

// Relay publishes the outbox: it runs passes back to back while they find
// full batches, then waits for a notification or the poll interval. Failed
// passes are logged and retried after a growing pause; messages are
// published at least once, in order within a partition.
type Relay struct {
	src Source
	pub Publisher
	cfg RelayConfig

	mu     sync.Mutex
	cancel context.CancelFunc
	done   chan struct{}
}

// NewRelay returns a relay publishing src through pub.
func NewRelay(src Source, pub Publisher, cfg RelayConfig) (*Relay, error) {
	if src == nil || pub == nil {
		return nil, errors.New("outbox relay: source and publisher are required")
	}
	if err := cfg.validate(); err != nil {
		return nil, err
	}
	cfg.setDefaults()
	return &Relay{src: src, pub: pub, cfg: cfg}, nil
}

// Start starts the relay's goroutine and returns. It runs until Stop is
// called or ctx is done. The caller still owns the Source and closes it
// after Stop.
func (r *Relay) Start(ctx context.Context) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.done != nil {
		return errors.New("outbox relay: already started")
	}
	ctx, r.cancel = context.WithCancel(ctx)
	r.done = make(chan struct{})
	go r.run(ctx, r.done)
	return nil
}

// Stop stops the relay and waits for its goroutine to end, or for ctx to
// be done. A pass in progress is cancelled: its messages stay in the
// outbox. The relay can be started again.
func (r *Relay) Stop(ctx context.Context) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.done == nil {
		return nil
	}
	r.cancel()
	select {
	case <-r.done:
		r.done = nil
		return nil
	case <-ctx.Done():
		return fmt.Errorf("stopping outbox relay: %w", ctx.Err())
	}
}
