package stream

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/redis/go-redis/v9"
)

// claimLoop takes over idle pending entries every ClaimInterval until ctx
// is done. This is how entries whose handler failed, or whose consumer died
// before acknowledging them, are delivered again.
func (c *reader) claimLoop(ctx context.Context) {
	t := time.NewTicker(c.cfg.ClaimInterval)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		if err := c.claimAll(ctx); err != nil && ctx.Err() == nil {
			c.log.WithError(err).Error("claiming idle entries failed; retrying next interval")
		}
	}
}

// claimAll walks the group's pending entries with XAUTOCLAIM, one page of
// Count entries at a time, handling each page before claiming the next.
func (c *reader) claimAll(ctx context.Context) error {
	cursor := "0-0"
	for ctx.Err() == nil {
		msgs, next, err := c.rdb.XAutoClaim(ctx, &redis.XAutoClaimArgs{
			Stream: c.streamKey, Group: c.group, Consumer: c.cfg.Name,
			MinIdle: c.cfg.MinIdle, Start: cursor, Count: c.cfg.Count,
		}).Result()
		if isNoGroup(err) {
			return c.recoverGroup(ctx, err)
		}
		if err != nil {
			return fmt.Errorf("claiming idle entries of %s: %w", c.streamKey, err)
		}
		if err := c.redeliver(ctx, msgs); err != nil {
			return err
		}
		if next == "0-0" || next == "" {
			return nil
		}
		cursor = next
	}
	return nil
}

// redeliver hands claimed entries to the handler, batchSize at a time, and
// dead-letters those delivered more than MaxDeliveries times, in one MULTI
// per batch.
func (c *reader) redeliver(ctx context.Context, xms []redis.XMessage) error {
	if len(xms) == 0 {
		return nil
	}
	counts, err := c.deliveryCounts(ctx, xms)
	if err != nil {
		return err
	}
	for batch := range slices.Chunk(xms, c.batchSize) {
		if ctx.Err() != nil {
			return nil // stopping
		}
		due, exhausted := c.sortClaimed(batch, counts)
		c.deadLetter(context.WithoutCancel(ctx), exhausted)
		c.process(ctx, due, c.ack)
	}
	return nil
}

// sortClaimed splits claimed entries into those due for another delivery
// and those delivered more than MaxDeliveries times. An entry without a
// delivery count is no longer ours and is left out.
func (c *reader) sortClaimed(xms []redis.XMessage, counts map[string]int64) (due []Message, exhausted []deadEntry) {
	for _, xm := range xms {
		n, ok := counts[xm.ID]
		switch {
		case !ok: // acknowledged or taken over since the claim
		case n > c.cfg.MaxDeliveries:
			exhausted = append(exhausted, c.giveUp(xm, n-1))
		default:
			due = append(due, c.toMessage(xm, n))
		}
	}
	return due, exhausted
}

// giveUp describes the dead letter of an entry whose handlers had it
// delivered times.
func (c *reader) giveUp(xm redis.XMessage, delivered int64) deadEntry {
	last, ok := c.lastErrs.get(xm.ID)
	if !ok {
		last = "unknown (not seen by this consumer)"
	}
	return deadEntry{
		msg:        c.toMessage(xm, delivered),
		deliveries: delivered,
		reason:     fmt.Sprintf("delivered %d times; last error: %s", delivered, last),
	}
}

// deliveryCounts asks XPENDING for the delivery count of each claimed
// entry, one exact-id query per entry in a single pipeline. An entry missing
// from the answer was acknowledged or taken over by another consumer since.
func (c *reader) deliveryCounts(ctx context.Context, msgs []redis.XMessage) (map[string]int64, error) {
	cmds := make([]*redis.XPendingExtCmd, len(msgs))
	_, err := c.rdb.Pipelined(ctx, func(pipe redis.Pipeliner) error {
		for i, xm := range msgs {
			cmds[i] = pipe.XPendingExt(ctx, &redis.XPendingExtArgs{
				Stream: c.streamKey, Group: c.group, Consumer: c.cfg.Name,
				Start: xm.ID, End: xm.ID, Count: 1,
			})
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("reading delivery counts of %s: %w", c.streamKey, err)
	}
	counts := make(map[string]int64, len(msgs))
	for _, cmd := range cmds {
		for _, p := range cmd.Val() {
			counts[p.ID] = p.RetryCount
		}
	}
	return counts, nil
}
