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

// hasCarried reports whether outbox messages wait for the next read.
func (c *reader) hasCarried() bool {
	c.ackMu.Lock()
	defer c.ackMu.Unlock()
	return len(c.carried) > 0
}

// outgoing is what waits for the read loop's next round trip: the
// carried messages and the acknowledgements, with their commands once
// queued on a pipeline.
type outgoing struct {
	carried []carriedBatch
	acks    []Message
	xadds   [][]*redis.StringCmd
	xack    *redis.IntCmd
}

// takeOutgoing returns what waits for the next round trip and forgets it.
func (c *reader) takeOutgoing() outgoing {
	return outgoing{carried: c.takeCarried(), acks: c.takeAcks()}
}

func (o *outgoing) empty() bool { return len(o.carried) == 0 && len(o.acks) == 0 }

// queue adds to pipe the XADDs of the carried messages, in order, then
// the XACK of the acknowledgements.
func (c *reader) queue(ctx context.Context, pipe redis.Pipeliner, o *outgoing) {
	o.xadds = make([][]*redis.StringCmd, len(o.carried))
	for i, b := range o.carried {
		for _, m := range b.msgs {
			o.xadds[i] = append(o.xadds[i], pipe.XAdd(ctx, c.carry.xaddArgs(m)))
		}
	}
	if len(o.acks) > 0 {
		o.xack = pipe.XAck(ctx, c.streamKey, c.group, entryIDs(o.acks)...)
	}
}

// settle, once the pipeline ran, tells each carried batch its outcome and
// returns the XACK's error, if any.
func (o *outgoing) settle() error {
	for i, b := range o.carried {
		b.sent(firstErr(o.xadds[i]))
	}
	if o.xack == nil {
		return nil
	}
	return o.xack.Err()
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
