package stream

import (
	"context"
	"time"

	"github.com/redis/go-redis/v9"
	"github.com/sirupsen/logrus"
)

// Backoff bounds while a back end is unavailable.
const (
	unavailableFirstWait = 200 * time.Millisecond
	unavailableMaxWait   = 5 * time.Second
)

// holdWhileUnavailable keeps entries whose handler failed only because a
// back end (the database) cannot be reached, and calls the handler again
// with just those entries, after a growing pause, until none is unavailable
// any more or the consumer stops. Each round settles the entries that got
// another answer. Meanwhile the consumer reads nothing else: every message
// would fail the same way. Each pause re-claims the held entries with XCLAIM
// JUSTID, which resets their idle time without counting a delivery, so
// other consumers neither take them over nor push them towards the
// dead-letter stream.
func (c *reader) holdWhileUnavailable(runCtx, ctx context.Context, held []outcome) {
	wait := unavailableFirstWait
	c.heldLog(held).Warn("back end unavailable; holding the entries and retrying")
	for len(held) > 0 {
		msgs := heldMessages(held)
		if !c.pause(runCtx, ctx, entryIDs(msgs), wait, c.batchLog(msgs)) {
			c.heldLog(held).Warn("stopping while a back end is unavailable; held entries stay pending")
			return
		}
		held = c.settle(ctx, msgs, c.callHandler(ctx, msgs), c.ack)
		wait = min(wait*2, unavailableMaxWait)
	}
	c.log.Info("back end available again; held entries settled")
}

func heldMessages(held []outcome) []Message {
	msgs := make([]Message, len(held))
	for i, o := range held {
		msgs[i] = o.msg
	}
	return msgs
}

// heldLog logs held entries with the first one's error.
func (c *reader) heldLog(held []outcome) *logrus.Entry {
	return c.batchLog(heldMessages(held)).WithError(held[0].err)
}

// pause waits d while re-claiming the entries often enough (three times per
// MinIdle) that no other consumer sees them idle. It reports false when the
// consumer is stopping.
func (c *reader) pause(runCtx, ctx context.Context, ids []string, d time.Duration, log *logrus.Entry) bool {
	step := max(c.cfg.MinIdle/3, time.Millisecond)
	for end := time.Now().Add(d); time.Now().Before(end); {
		c.refreshClaim(ctx, ids, log)
		select {
		case <-runCtx.Done():
			return false
		case <-time.After(min(step, time.Until(end))):
		}
	}
	c.refreshClaim(ctx, ids, log)
	return true
}

// refreshClaim re-claims the entries with one XCLAIM JUSTID.
func (c *reader) refreshClaim(ctx context.Context, ids []string, log *logrus.Entry) {
	ctx, cancel := context.WithTimeout(ctx, opTimeout)
	defer cancel()
	err := c.rdb.XClaimJustID(ctx, &redis.XClaimArgs{
		Stream: c.streamKey, Group: c.group, Consumer: c.cfg.Name, MinIdle: 0, Messages: ids,
	}).Err()
	if err != nil {
		log.WithError(err).Debug("refreshing the claim on held entries failed")
	}
}
