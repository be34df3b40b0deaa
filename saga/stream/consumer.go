package stream

import (
	"context"
	"errors"
	"fmt"
	"sync"

	"github.com/redis/go-redis/v9"
)

// Consumer reads one logical stream as a member of a consumer group and
// hands each entry to its Handler, one entry at a time, or, when built by
// NewBatchConsumer, the entries of each read to its BatchHandler at once. It
// acknowledges an entry only when the handler reports it committed, takes
// over entries other members left idle for MinIdle, and dead-letters entries
// the handler rejects permanently or that were delivered more than
// MaxDeliveries times.
//
// On sharded keys it reads every shard key of the stream, each with a read
// loop and a claim loop of its own: one read per shard key, never a call
// across slots. A shard's next batch waits for the handler's answers to
// its last, so a saga's messages (all on one shard) are handled in order.
// A Handler is called for several shards at once; a BatchHandler gets the
// batches that shards bring while a call runs together in the next call
// (up to Count entries), so that the shards share its transactions.
type Consumer struct {
	rdb     redis.UniversalClient
	cfg     ConsumerConfig
	readers []*reader

	mu      sync.Mutex
	started bool
	cancel  context.CancelFunc
	done    chan struct{}
}

// NewConsumer validates cfg, fills in its defaults and returns a Consumer
// that does nothing until Start.
func NewConsumer(rdb redis.UniversalClient, keys Keys, cfg ConsumerConfig, h Handler) (*Consumer, error) {
	if h == nil {
		return nil, errors.New("stream consumer: nil handler")
	}
	return newConsumer(rdb, keys, cfg, perEntry(h), 1)
}

// newConsumer builds a Consumer that hands bh batches of up to batchSize
// entries; zero means Count.
func newConsumer(rdb redis.UniversalClient, keys Keys, cfg ConsumerConfig, bh BatchHandler, batchSize int) (*Consumer, error) {
	if rdb == nil {
		return nil, errors.New("stream consumer: nil Redis client")
	}
	if err := keys.Validate(); err != nil {
		return nil, err
	}
	cfg.setDefaults()
	if err := cfg.validate(); err != nil {
		return nil, err
	}
	batch := batchSize == 0
	if batch {
		batchSize = int(cfg.Count)
	}
	c := &Consumer{rdb: rdb, cfg: cfg}
	deferAcks := batch && pipelineWaits(rdb, cfg.Block)
	if batch && keys.ShardCount() > 1 {
		bh = combine(bh, batchSize)
	}
	for i := range keys.ShardCount() {
		c.readers = append(c.readers, newReader(rdb, keys, cfg, bh, batchSize, i, deferAcks))
	}
	return c, nil
}

// Config returns the consumer's configuration with defaults filled in.
func (c *Consumer) Config() ConsumerConfig { return c.cfg }

// Start ensures the consumer group exists on every shard key and starts
// the read and claim loops. They run until Stop is called or ctx is
// cancelled, so pass a long-lived ctx, not one with a start-up timeout. A
// Consumer starts at most once. Handlers get a context that carries ctx's
// values but is not cancelled with it, so a handler in flight can commit.
func (c *Consumer) Start(ctx context.Context) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.started {
		return errors.New("stream consumer: already started")
	}
	for _, r := range c.readers {
		if err := EnsureGroup(ctx, c.rdb, r.streamKey, r.group); err != nil {
			return fmt.Errorf("starting consumer %s: %w", c.cfg.Name, err)
		}
	}
	runCtx, cancel := context.WithCancel(ctx)
	c.started, c.cancel, c.done = true, cancel, make(chan struct{})
	var wg sync.WaitGroup
	for _, r := range c.readers {
		wg.Go(func() { r.readLoop(runCtx) })
		wg.Go(func() { r.claimLoop(runCtx) })
	}
	go func() { wg.Wait(); close(c.done) }()
	c.readers[0].log.WithField("shards", len(c.readers)).Info("stream consumer started")
	return nil
}

// Stop stops reading, lets the handler calls in flight finish and waits
// for the loops to end, at most until ctx is done. Every shard's blocking
// read in progress ends within Block, all at once. Entries read but not yet
// handled stay pending and are taken over by the group after MinIdle. Stop
// before Start, or twice, is a no-op.
func (c *Consumer) Stop(ctx context.Context) error {
	c.mu.Lock()
	cancel, done := c.cancel, c.done
	c.mu.Unlock()
	if cancel == nil {
		return nil
	}
	cancel()
	select {
	case <-done:
		c.readers[0].log.Info("stream consumer stopped")
		return nil
	case <-ctx.Done():
		return fmt.Errorf("stopping consumer %s: %w", c.cfg.Name, ctx.Err())
	}
}
