package stream

import (
	"context"

	"github.com/redis/go-redis/v9"

	"github.com/streamsaga/streamsaga/saga/outbox"
)

// carriedBatch is one transaction's committed messages waiting for the
// read loop's next round trip, and whom to tell its outcome.
type carriedBatch struct {
	msgs []outbox.Message
	sent func(error)
}

var _ outbox.Carrier = (*reader)(nil)

// Carry queues msgs to go out with the read loop's next read (or its
// final flush); it is the outbox.Carrier of the read loop's handlers.
func (c *reader) Carry(msgs []outbox.Message, sent func(error)) {
	c.ackMu.Lock()
	c.carried = append(c.carried, carriedBatch{msgs: msgs, sent: sent})
	c.ackMu.Unlock()
}

// carrying returns ctx with the reader as its carrier, when it carries.
func (c *reader) carrying(ctx context.Context) context.Context {
	if c.carry == nil {
		return ctx
	}
	return outbox.WithCarrier(ctx, c)
}

// takeCarried returns the batches waiting for the next round trip and
// forgets them.
func (c *reader) takeCarried() []carriedBatch {
	c.ackMu.Lock()
	defer c.ackMu.Unlock()
	batches := c.carried
	c.carried = nil
	return batches
}

// queueCarried adds the XADDs of batches to pipe, in order, and returns
// a function that tells each batch its outcome once pipe has run.
func (c *reader) queueCarried(ctx context.Context, pipe redis.Pipeliner, batches []carriedBatch) (report func()) {
	cmds := make([][]*redis.StringCmd, len(batches))
	for i, b := range batches {
		for _, m := range b.msgs {
			cmds[i] = append(cmds[i], pipe.XAdd(ctx, c.carry.xaddArgs(m)))
		}
	}
	return func() {
		for i, b := range batches {
			b.sent(firstErr(cmds[i]))
		}
	}
}

// firstErr is the first error of cmds, nil when every one succeeded.
func firstErr(cmds []*redis.StringCmd) error {
	for _, cmd := range cmds {
		if err := cmd.Err(); err != nil {
			return err
		}
	}
	return nil
}

// flushCarried publishes at once, with the acknowledgements waiting for
// the next read, the messages waiting for it; it returns false when there
// were none, leaving the acknowledgements to the caller.
func (c *reader) flushCarried(ctx context.Context) bool {
	batches := c.takeCarried()
	if len(batches) == 0 {
		return false
	}
	ctx, cancel := context.WithTimeout(ctx, opTimeout)
	defer cancel()
	acks := c.takeAcks()
	pipe := c.rdb.Pipeline()
	report := c.queueCarried(ctx, pipe, batches)
	var ack *redis.IntCmd
	if len(acks) > 0 {
		ack = pipe.XAck(ctx, c.streamKey, c.group, entryIDs(acks)...)
	}
	_, _ = pipe.Exec(ctx)
	report()
	if ack != nil && ack.Err() != nil {
		c.batchLog(acks).WithError(ack.Err()).Error("acknowledging handled entries failed; they will be redelivered")
	}
	return true
}
