package stream

import (
	"context"
	"time"

	"github.com/redis/go-redis/v9"
)

// pipelineMargin is how much longer than a blocking read a pipeline must
// be allowed to wait for its replies before the read loop sends its
// acknowledgements with the read.
const pipelineMargin = time.Second

// pipelineWaits reports whether rdb's pipelines wait for replies long
// enough to carry a read that blocks for block: go-redis gives a pipeline
// the client's ReadTimeout (0 and below: no limit), not the blocking
// command's own.
func pipelineWaits(rdb redis.UniversalClient, block time.Duration) bool {
	var timeout time.Duration
	switch c := rdb.(type) {
	case *redis.Client:
		timeout = c.Options().ReadTimeout
	case *redis.ClusterClient:
		timeout = c.Options().ReadTimeout
	default:
		return false
	}
	return timeout <= 0 || timeout >= block+pipelineMargin
}

// deferAck keeps msgs for the read loop's next read, which acknowledges
// them in the same round trip (see read).
func (c *reader) deferAck(_ context.Context, msgs []Message) {
	for _, m := range msgs {
		c.lastErrs.remove(m.ID)
	}
	c.ackMu.Lock()
	c.acks = append(c.acks, msgs...)
	c.ackMu.Unlock()
}

// takeAcks returns the entries waiting for the next read and forgets them.
func (c *reader) takeAcks() []Message {
	c.ackMu.Lock()
	defer c.ackMu.Unlock()
	acks := c.acks
	c.acks = nil
	return acks
}

// read runs XREADGROUP with args, preceded in one pipeline by the XADDs
// of the outbox messages carried for it and the XACK of the entries
// handled since the last read, if any: one round trip, and one wake-up,
// for all of them. Redis runs the XADDs at once; their outcome is
// reported once the read returned.
func (c *reader) read(ctx context.Context, args *redis.XReadGroupArgs) ([]redis.XStream, error) {
	out := c.takeOutgoing()
	if out.empty() {
		return c.rdb.XReadGroup(ctx, args).Result()
	}
	var read *redis.XStreamSliceCmd
	c.send(ctx, &out, func(pipe redis.Pipeliner) { read = pipe.XReadGroup(ctx, args) })
	return read.Result()
}

// send runs out's XADDs and XACK in one pipeline, followed by what more
// adds to it (nil: nothing), and tells the carried batches their outcome.
// Acknowledgements that did not go out (a stop cancelled ctx first, or
// Redis failed) wait for the next read, or for the flush at the read
// loop's end, which runs on a context no stop cancels.
func (c *reader) send(ctx context.Context, out *outgoing, more func(redis.Pipeliner)) {
	pipe := c.rdb.Pipeline()
	c.queue(ctx, pipe, out)
	if more != nil {
		more(pipe)
	}
	_, _ = pipe.Exec(ctx)
	if err := out.settle(); err != nil {
		c.requeueAcks(out.acks)
		log := c.batchLog(out.acks).WithError(err)
		if ctx.Err() != nil {
			// A stop, not a failure: the flush at the loop's end sends them.
			log.Debug("acknowledging handled entries interrupted by a stop; the final flush sends them")
			return
		}
		log.Warn("acknowledging handled entries failed; trying again with the next read")
	}
}

// requeueAcks puts back entries whose acknowledgement did not go out,
// ahead of those queued since.
func (c *reader) requeueAcks(msgs []Message) {
	c.ackMu.Lock()
	c.acks = append(msgs, c.acks...)
	c.ackMu.Unlock()
}

// flushAcks publishes the carried messages and acknowledges the entries
// waiting for the next read, at once.
func (c *reader) flushAcks(ctx context.Context) {
	out := c.takeOutgoing()
	if len(out.carried) == 0 {
		c.ack(ctx, out.acks)
		return
	}
	ctx, cancel := context.WithTimeout(ctx, opTimeout)
	defer cancel()
	pipe := c.rdb.Pipeline()
	c.queue(ctx, pipe, &out)
	_, _ = pipe.Exec(ctx)
	if err := out.settle(); err != nil {
		c.batchLog(out.acks).WithError(err).Error("acknowledging handled entries failed; they will be redelivered")
	}
}
