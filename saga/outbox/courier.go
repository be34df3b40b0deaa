package outbox

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	"github.com/sirupsen/logrus"
)

// Dispatcher takes the messages of a transaction once it has committed.
// A driver that supports it writes those rows with a lease (Lease from
// now) during which the relay leaves them alone, and hands them, with
// their row ids, to Dispatch after the commit.
type Dispatcher interface {
	// Dispatch queues committed messages for publishing. It does not block.
	Dispatch(msgs []Message)
	// Lease is how long the relay must leave a dispatched row alone.
	Lease() time.Duration
}

// Remover deletes published rows by id.
type Remover interface {
	Remove(ctx context.Context, ids []int64) error
}

// Courier defaults.
const (
	DefaultLease       = 5 * time.Second
	DefaultMaxQueue    = 65536
	DefaultRemoveDelay = time.Second
)

// rideAfter is how long the ids of published rows gather before a
// transaction may take them (TakeRemovals), at most half of RemoveDelay:
// long enough for one delete to take many when messages flow, short
// enough to keep the table small.
const rideAfter = 50 * time.Millisecond

// CourierConfig configures a Courier.
type CourierConfig struct {
	// Lease is how long the relay leaves a dispatched row alone: the
	// courier publishes it well within that time, and a row whose process
	// died before publishing it is the relay's once it has passed.
	// Optional: default DefaultLease (5s).
	Lease time.Duration
	// BatchSize is the most messages one publish sends.
	// Optional: default DefaultBatchSize (256).
	BatchSize int
	// MaxQueue bounds the messages waiting in memory; beyond it, newly
	// dispatched ones are left to the relay.
	// Optional: default DefaultMaxQueue (65536).
	MaxQueue int
	// RemoveDelay is how long the ids of published messages gather before
	// the courier deletes their rows in one statement of its own, when no
	// transaction took them meanwhile (TakeRemovals, after 50 ms at most);
	// the rows are leased meanwhile, so only the table's size depends on
	// it. A service that writes often never needs a delete of its own.
	// Optional: default DefaultRemoveDelay (1s); negative deletes at once.
	RemoveDelay time.Duration
	// MaxBackoff caps the pause between failed publishes or removals.
	// Optional: default DefaultMaxBackoff (10s).
	MaxBackoff time.Duration
	// Logger gets a line per failure.
	// Optional: default the standard logrus logger.
	Logger *logrus.Entry
}

func (c *CourierConfig) setDefaults() {
	c.Lease = orDefault(c.Lease, DefaultLease)
	c.BatchSize = orDefault(c.BatchSize, DefaultBatchSize)
	c.MaxQueue = orDefault(c.MaxQueue, DefaultMaxQueue)
	c.MaxBackoff = orDefault(c.MaxBackoff, DefaultMaxBackoff)
	c.RemoveDelay = orDefault(c.RemoveDelay, DefaultRemoveDelay)
	c.Logger = orDefault(c.Logger, logrus.NewEntry(logrus.StandardLogger()))
}

func (c *CourierConfig) validate() error {
	if c.Lease < 0 || c.BatchSize < 0 || c.MaxQueue < 0 || c.MaxBackoff < 0 {
		return fmt.Errorf("outbox courier: negative setting in %+v", *c)
	}
	return nil
}

// Courier publishes messages right after the transaction that wrote them
// committed, from the process that wrote them, and then deletes their
// rows. It saves the relay's wake-up and claim for each of them; the relay
// still publishes whatever a courier did not (its process died, or the
// transport was down for longer than the lease). Messages leave in the
// order they were dispatched. Publishing is at least once: a row whose
// delete was lost is published again by the relay, and consumers drop
// the duplicate.
type Courier struct {
	pub Publisher
	rm  Remover
	cfg CourierConfig

	mu      sync.Mutex
	queue   []queued
	ids     []int64
	idsFrom time.Time     // when the oldest of ids was queued
	wake    chan struct{} // a message was queued
	idsWake chan struct{} // a published id was queued for removal
	dropped int           // left to the relay since the last log line

	published, leftToRelay atomic.Uint64

	run  runState
	live atomic.Bool // started and not stopping: carriers may be used
}

// CourierStats are a courier's figures since it was made.
type CourierStats struct {
	// Queued is how many dispatched messages wait to be published.
	Queued int
	// Published counts the messages it published.
	Published uint64
	// LeftToRelay counts the messages it left to the relay: their lease
	// passed before they could be published, or the queue was full.
	LeftToRelay uint64
}

// Stats returns the courier's figures.
func (c *Courier) Stats() CourierStats {
	return CourierStats{Queued: c.Queued(), Published: c.published.Load(), LeftToRelay: c.leftToRelay.Load()}
}

// queued is a dispatched message and when it was dispatched.
type queued struct {
	msg Message
	at  time.Time
}

var _ Dispatcher = (*Courier)(nil)

// NewCourier returns a courier publishing through pub and deleting
// published rows through rm.
func NewCourier(pub Publisher, rm Remover, cfg CourierConfig) (*Courier, error) {
	if pub == nil || rm == nil {
		return nil, errors.New("outbox courier: publisher and remover are required")
	}
	if err := cfg.validate(); err != nil {
		return nil, err
	}
	cfg.setDefaults()
	return &Courier{pub: pub, rm: rm, cfg: cfg, wake: make(chan struct{}, 1), idsWake: make(chan struct{}, 1)}, nil
}

// Lease is how long the relay leaves dispatched rows alone.
func (c *Courier) Lease() time.Duration { return c.cfg.Lease }

// Dispatch queues committed messages, which must carry their row ids. When
// the queue is full they are left to the relay.
func (c *Courier) Dispatch(msgs []Message) {
	if len(msgs) == 0 {
		return
	}
	now := time.Now()
	c.mu.Lock()
	if len(c.queue)+len(msgs) > c.cfg.MaxQueue {
		c.dropped += len(msgs)
		c.mu.Unlock()
		c.leftToRelay.Add(uint64(len(msgs)))
		return
	}
	for _, m := range msgs {
		c.queue = append(c.queue, queued{msg: m, at: now})
	}
	c.mu.Unlock()
	signal(c.wake)
}

// Queued is how many dispatched messages wait to be published.
func (c *Courier) Queued() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.queue)
}

// signal wakes one waiter on ch without blocking.
func signal(ch chan struct{}) {
	select {
	case ch <- struct{}{}:
	default:
	}
}

// RemovalSource is a Dispatcher whose deletes of published rows may
// travel with a transaction that writes outbox rows anyway, instead of
// a transaction of their own. TakeRemovals hands over the ids waiting to
// be deleted, once they gathered for a while (nil before); ReturnRemovals
// gives back those of a transaction that did not commit.
type RemovalSource interface {
	TakeRemovals() []int64
	ReturnRemovals(ids []int64)
}
