package stream

import (
	"context"
	"fmt"
	"time"

	"github.com/sirupsen/logrus"

	"github.com/streamsaga/streamsaga/saga"
	"github.com/streamsaga/streamsaga/saga/outbox"
)

// opTimeout bounds each acknowledgement and dead-letter write.
const opTimeout = 5 * time.Second

// process hands a batch of entries to the handler and settles each by its
// outcome (see settle); entries the handler finds unavailable are held and
// retried. Once runCtx is done no new handler call starts; the call in
// flight keeps a context that Stop does not cancel.
//
// ack acknowledges the committed entries: at once (Consumer.ack), or with
// the read loop's next read (deferAck).
func (c *reader) process(runCtx context.Context, batch []Message, ack ackFunc) {
	c.handleMu.Lock()
	defer c.handleMu.Unlock()
	if runCtx.Err() != nil || len(batch) == 0 {
		return
	}
	ctx := context.WithoutCancel(runCtx)
	held := c.settle(ctx, batch, c.callHandler(ctx, batch), ack)
	if len(held) > 0 {
		c.flushAcks(ctx) // holding may take long: nothing waits for it
		// Nor for the next read: what the retries commit goes to the courier.
		c.holdWhileUnavailable(runCtx, outbox.WithCarrier(ctx, nil), held)
	}
}

// ackFunc acknowledges handled entries.
type ackFunc func(ctx context.Context, msgs []Message)

// outcome is one entry with its handler's answer.
type outcome struct {
	msg Message
	err error
}

// settle acts on one handler call's outcomes: the committed entries are
// acknowledged with one XACK (by ack), the permanently rejected ones
// dead-lettered in one MULTI, the failed ones left pending for redelivery.
// It returns the entries whose back end was unavailable, untouched.
func (c *reader) settle(ctx context.Context, msgs []Message, errs []error, ack ackFunc) (unavailable []outcome) {
	var done []Message
	var dead []deadEntry
	for i, msg := range msgs {
		err := errs[i]
		switch {
		case err == nil:
			done = append(done, msg)
		case saga.IsPermanent(err):
			dead = append(dead, deadEntry{msg: msg, deliveries: msg.Deliveries, reason: "permanent error: " + err.Error()})
		case saga.IsUnavailable(err):
			unavailable = append(unavailable, outcome{msg: msg, err: err})
		default:
			c.lastErrs.put(msg.ID, err.Error())
			c.entryLog(msg).WithError(err).Warn("handler failed; entry stays pending for redelivery")
		}
	}
	ack(ctx, done)
	c.deadLetter(ctx, dead)
	return unavailable
}

// callHandler runs the handler and returns exactly one outcome per entry.
// A panic becomes an ordinary error for every entry, so a poison entry ends
// in the dead-letter stream instead of a crash loop.
func (c *reader) callHandler(ctx context.Context, msgs []Message) []error {
	return callSafely(ctx, c.handler, msgs)
}

// callSafely runs bh on msgs and returns exactly one outcome per entry: a
// panic, or a wrong number of outcomes, becomes an error for every entry.
func callSafely(ctx context.Context, bh BatchHandler, msgs []Message) (errs []error) {
	defer func() {
		if r := recover(); r != nil {
			errs = sameError(fmt.Errorf("handler panicked: %v", r), len(msgs))
		}
	}()
	errs = bh(ctx, msgs)
	if len(errs) != len(msgs) {
		return sameError(fmt.Errorf("batch handler returned %d outcomes for %d entries", len(errs), len(msgs)), len(msgs))
	}
	return errs
}

func sameError(err error, n int) []error {
	errs := make([]error, n)
	for i := range errs {
		errs[i] = err
	}
	return errs
}

// ack acknowledges msgs with one XACK.
func (c *reader) ack(ctx context.Context, msgs []Message) {
	if len(msgs) == 0 {
		return
	}
	ctx, cancel := context.WithTimeout(ctx, opTimeout)
	defer cancel()
	ids := entryIDs(msgs)
	for _, id := range ids {
		c.lastErrs.remove(id)
	}
	if err := c.rdb.XAck(ctx, c.streamKey, c.group, ids...).Err(); err != nil {
		c.batchLog(msgs).WithError(err).Error("acknowledging handled entries failed; they will be redelivered")
	}
}

func (c *reader) entryLog(msg Message) *logrus.Entry {
	f := logrus.Fields{"entry_id": msg.ID, "deliveries": msg.Deliveries}
	if id := msg.Fields[FieldMessageID]; id != "" {
		f["message_id"] = id
	}
	return c.log.WithFields(f)
}

// batchLog is entryLog for one entry, and names the first and last entry
// and their number for several.
func (c *reader) batchLog(msgs []Message) *logrus.Entry {
	if len(msgs) == 1 {
		return c.entryLog(msgs[0])
	}
	return c.log.WithFields(logrus.Fields{
		"entries": len(msgs), "first_entry_id": msgs[0].ID, "last_entry_id": msgs[len(msgs)-1].ID,
	})
}
