package stream

import (
	"context"
	"fmt"
	"time"

	"github.com/redis/go-redis/v9"
	"github.com/sirupsen/logrus"

	"github.com/streamsaga/streamsaga/saga"
)

// opTimeout bounds each acknowledgement and dead-letter write.
const opTimeout = 5 * time.Second

// process hands one entry, delivered for the deliveries-th time, to the
// handler and settles it: nil acknowledges, a permanent error dead-letters,
// any other error leaves it pending for the claim loop. Once runCtx is done
// no new handler call starts; the call in flight keeps a context that Stop
// does not cancel.
func (c *Consumer) process(runCtx context.Context, xm redis.XMessage, deliveries int64) {
	c.handleMu.Lock()
	defer c.handleMu.Unlock()
	if runCtx.Err() != nil {
		return
	}
	ctx := context.WithoutCancel(runCtx)
	msg := c.toMessage(xm, deliveries)
	log := c.entryLog(msg)
	err := c.callHandler(ctx, msg)
	if saga.IsUnavailable(err) {
		err = c.holdWhileUnavailable(runCtx, ctx, msg, log, err)
	}
	switch {
	case err == nil:
		c.ack(ctx, msg, log)
	case saga.IsPermanent(err):
		c.deadLetter(ctx, msg, msg.Deliveries, "permanent error: "+err.Error(), log)
	case saga.IsUnavailable(err):
		log.WithError(err).Warn("stopping while a back end is unavailable; entry stays pending")
	default:
		c.lastErrs.put(msg.ID, err.Error())
		log.WithError(err).Warn("handler failed; entry stays pending for redelivery")
	}
}

// callHandler runs the handler, turning a panic into an ordinary error so a
// poison entry ends in the dead-letter stream instead of a crash loop.
func (c *Consumer) callHandler(ctx context.Context, msg Message) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("handler panicked: %v", r)
		}
	}()
	return c.handler(ctx, msg)
}

func (c *Consumer) ack(ctx context.Context, msg Message, log *logrus.Entry) {
	ctx, cancel := context.WithTimeout(ctx, opTimeout)
	defer cancel()
	c.lastErrs.remove(msg.ID)
	if err := c.rdb.XAck(ctx, c.streamKey, c.group, msg.ID).Err(); err != nil {
		log.WithError(err).Error("acknowledging entry failed; it will be redelivered")
	}
}

func (c *Consumer) toMessage(xm redis.XMessage, deliveries int64) Message {
	return Message{ID: xm.ID, Stream: c.cfg.Stream, Fields: stringFields(xm.Values), Deliveries: deliveries}
}

// stringFields converts go-redis entry values to strings. An entry deleted
// while pending has no values and yields an empty map.
func stringFields(values map[string]any) map[string]string {
	fields := make(map[string]string, len(values))
	for k, v := range values {
		if s, ok := v.(string); ok {
			fields[k] = s
		} else {
			fields[k] = fmt.Sprint(v)
		}
	}
	return fields
}

func (c *Consumer) entryLog(msg Message) *logrus.Entry {
	f := logrus.Fields{"entry_id": msg.ID, "deliveries": msg.Deliveries}
	if id := msg.Fields[FieldMessageID]; id != "" {
		f["message_id"] = id
	}
	return c.log.WithFields(f)
}
