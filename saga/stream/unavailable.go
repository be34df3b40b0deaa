package stream

import (
	"context"
	"time"

	"github.com/redis/go-redis/v9"
	"github.com/sirupsen/logrus"

	"github.com/streamsaga/streamsaga/saga"
)

// Backoff bounds while a back end is unavailable.
const (
	unavailableFirstWait = 200 * time.Millisecond
	unavailableMaxWait   = 5 * time.Second
)

// holdWhileUnavailable keeps an entry whose handler failed only because a
// back end (the database) cannot be reached, and calls the handler again
// with a growing pause until it gets another answer or the consumer stops.
// Meanwhile the consumer reads nothing else: every message would fail the
// same way. Each round re-claims the entry with XCLAIM JUSTID, which resets
// its idle time without counting a delivery, so other consumers neither
// take it over nor push it towards the dead-letter stream.
func (c *Consumer) holdWhileUnavailable(runCtx, ctx context.Context, msg Message, log *logrus.Entry, err error) error {
	wait := unavailableFirstWait
	log.WithError(err).Warn("back end unavailable; holding the entry and retrying")
	for saga.IsUnavailable(err) {
		if !c.pause(runCtx, ctx, msg.ID, wait, log) {
			return err
		}
		err = c.callHandler(ctx, msg)
		wait = min(wait*2, unavailableMaxWait)
	}
	if err == nil {
		log.Info("back end available again; entry handled")
	}
	return err
}

// pause waits d while re-claiming the entry often enough (three times per
// MinIdle) that no other consumer sees it idle. It reports false when the
// consumer is stopping.
func (c *Consumer) pause(runCtx, ctx context.Context, id string, d time.Duration, log *logrus.Entry) bool {
	step := max(c.cfg.MinIdle/3, time.Millisecond)
	for end := time.Now().Add(d); time.Now().Before(end); {
		c.refreshClaim(ctx, id, log)
		select {
		case <-runCtx.Done():
			return false
		case <-time.After(min(step, time.Until(end))):
		}
	}
	c.refreshClaim(ctx, id, log)
	return true
}

func (c *Consumer) refreshClaim(ctx context.Context, id string, log *logrus.Entry) {
	ctx, cancel := context.WithTimeout(ctx, opTimeout)
	defer cancel()
	err := c.rdb.XClaimJustID(ctx, &redis.XClaimArgs{
		Stream: c.streamKey, Group: c.group, Consumer: c.cfg.Name, MinIdle: 0, Messages: []string{id},
	}).Err()
	if err != nil {
		log.WithError(err).Debug("refreshing the claim on a held entry failed")
	}
}
