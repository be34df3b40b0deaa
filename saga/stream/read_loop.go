package stream

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"github.com/redis/go-redis/v9"
)

// readLoop reads new entries until ctx is done. Each read blocks at most
// Block, so a stop is noticed within Block. Its handlers' committed
// messages go out with its next read when the reader carries.
func (c *reader) readLoop(ctx context.Context) {
	ctx = c.carrying(ctx)
	defer c.flushAcks(context.WithoutCancel(ctx))
	var bo backoff
	var p pacer
	for ctx.Err() == nil {
		p.wait(ctx, c.cfg.Linger, c.sendOutgoing)
		n, err := c.readOnce(ctx)
		p.read(n, c.cfg.Count)
		if err != nil && isNoGroup(err) && ctx.Err() == nil {
			err = c.recoverGroup(ctx, err)
		}
		if err == nil {
			bo.reset()
			continue
		}
		if ctx.Err() != nil {
			return
		}
		d := bo.next()
		c.log.WithError(err).WithField("retry_in", d.String()).Error("reading stream failed; retrying")
		sleep(ctx, d)
	}
}

// readOnce reads one batch of new entries and hands them to the handler in
// stream order, and returns how many it read. After a stop the entries not
// yet handed over are left pending for the group.
func (c *reader) readOnce(ctx context.Context) (int, error) {
	streams, err := c.read(ctx, &redis.XReadGroupArgs{
		Group:    c.group,
		Consumer: c.cfg.Name,
		Streams:  []string{c.streamKey, ">"},
		Count:    c.cfg.Count,
		Block:    c.cfg.Block,
	})
	if errors.Is(err, redis.Nil) {
		return 0, nil
	}
	if err != nil {
		return 0, fmt.Errorf("reading %s as %s/%s: %w", c.streamKey, c.group, c.cfg.Name, err)
	}
	n := 0
	for _, s := range streams {
		msgs := make([]Message, len(s.Messages))
		for i, xm := range s.Messages {
			msgs[i] = c.toMessage(xm, 1)
		}
		n += len(msgs)
		c.processInBatches(ctx, msgs)
	}
	return n, nil
}

// processInBatches hands msgs to process batchSize entries at a time, and
// stops between batches once ctx is done.
func (c *reader) processInBatches(ctx context.Context, msgs []Message) {
	for batch := range slices.Chunk(msgs, c.batchSize) {
		if ctx.Err() != nil {
			return
		}
		c.process(ctx, batch, c.readAck)
	}
}
