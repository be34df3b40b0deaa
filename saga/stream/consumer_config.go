package stream

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"time"

	"github.com/sirupsen/logrus"

	"github.com/streamsaga/streamsaga/saga/config"
)

// Defaults of ConsumerConfig.
const (
	DefaultBlock         = time.Second
	DefaultCount         = 256
	DefaultMinIdle       = 30 * time.Second
	DefaultClaimInterval = 5 * time.Second
	DefaultMaxDeliveries = 5
	// MaxLinger bounds Linger (STREAM_LINGER's bound).
	MaxLinger = config.MaxStreamLinger
)

// ConsumerConfig configures a Consumer.
type ConsumerConfig struct {
	// Stream is the logical stream to read. Required.
	Stream string
	// Group is the logical consumer group. Required.
	Group string
	// Name is this consumer's name within the group. It should be unique
	// per process. Optional: default "<hostname>-<pid>-<random>".
	Name string
	// Block is how long one XREADGROUP waits for new entries. Stop waits up
	// to this long for a read in progress, since cancelling a context does
	// not interrupt a blocking read. Zero means the default, never "block
	// forever". Optional: default 1s.
	Block time.Duration
	// Count is the most entries one read or claim returns, and so the
	// largest batch a BatchHandler gets. Only a backlog fills it: a read
	// returns what is there. Optional: default 256.
	Count int64
	// Linger, when set, is the least time from the start of one read to
	// the start of the next while reads bring fewer than Count entries: a
	// read then brings what arrived meanwhile, the messages of several
	// sagas handled in one batch (one transaction, one round trip for their
	// replies) instead of one each, at the price of up to Linger more per
	// hop. A full or empty read is followed by the next at once. The
	// messages a batch carried go out before the wait, with its
	// acknowledgements; acknowledgements alone go with the next read,
	// unless Linger is at least half of MinIdle. Optional: default 0,
	// every read at once.
	Linger time.Duration
	// MinIdle is how long an entry stays pending, unacknowledged, before
	// any consumer of the group takes it over with XAUTOCLAIM. It must be
	// longer than handling a whole batch takes, or entries are handled
	// twice. Optional: default 30s.
	MinIdle time.Duration
	// ClaimInterval is how often the claim loop looks for idle entries.
	// Optional: default 5s.
	ClaimInterval time.Duration
	// MaxDeliveries is how many times an entry is handed to the handler
	// before it is moved to the dead-letter stream. Optional: default 5.
	MaxDeliveries int64
	// DLQMaxLen caps the dead-letter stream approximately.
	// Optional: default DefaultMaxLen (1,000,000).
	DLQMaxLen int64
	// Logger receives the consumer's logs. Optional: default the logrus
	// standard logger.
	Logger *logrus.Entry
	// Carry, when set, publishes the outbox messages a handler's
	// transaction commits with the read loop's next read, in one pipeline
	// with its acknowledgements: handlers get a context with an
	// outbox.Carrier. Only a batch consumer on a single Redis (not a
	// cluster) whose pipelines wait long enough for a blocking read
	// carries; others leave the messages to the courier.
	// Optional: default nil, no carrying.
	Carry *Publisher
}

func (c *ConsumerConfig) setDefaults() {
	if c.Name == "" {
		c.Name = defaultConsumerName()
	}
	c.Block = orDefault(c.Block, DefaultBlock)
	c.MinIdle = orDefault(c.MinIdle, DefaultMinIdle)
	c.ClaimInterval = orDefault(c.ClaimInterval, DefaultClaimInterval)
	c.Count = orDefault(c.Count, DefaultCount)
	c.MaxDeliveries = orDefault(c.MaxDeliveries, DefaultMaxDeliveries)
	c.DLQMaxLen = orDefault(c.DLQMaxLen, DefaultMaxLen)
	if c.Logger == nil {
		c.Logger = logrus.NewEntry(logrus.StandardLogger())
	}
}

func (c *ConsumerConfig) validate() error {
	switch {
	case c.Stream == "":
		return errors.New("stream consumer config: Stream is required")
	case c.Group == "":
		return errors.New("stream consumer config: Group is required")
	}
	for name, v := range map[string]int64{
		"Block": int64(c.Block), "Count": c.Count, "MinIdle": int64(c.MinIdle),
		"ClaimInterval": int64(c.ClaimInterval), "MaxDeliveries": c.MaxDeliveries,
		"DLQMaxLen": c.DLQMaxLen, "Linger": int64(c.Linger),
	} {
		if v < 0 {
			return fmt.Errorf("stream consumer config: %s must not be negative", name)
		}
	}
	if c.Linger > MaxLinger {
		return fmt.Errorf("stream consumer config: Linger %s is above %s", c.Linger, MaxLinger)
	}
	if c.Block < time.Millisecond {
		return fmt.Errorf("stream consumer config: Block %s is below Redis's 1ms resolution", c.Block)
	}
	return nil
}

// orDefault returns def when v is zero.
func orDefault[T time.Duration | int64](v, def T) T {
	if v == 0 {
		return def
	}
	return v
}

func defaultConsumerName() string {
	host, err := os.Hostname()
	if err != nil || host == "" {
		host = "consumer"
	}
	var b [4]byte
	_, _ = rand.Read(b[:])
	return fmt.Sprintf("%s-%d-%s", host, os.Getpid(), hex.EncodeToString(b[:]))
}
