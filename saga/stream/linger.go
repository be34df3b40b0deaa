package stream

import (
	"context"
	"time"
)

// pacer spaces a read loop's reads by ConsumerConfig.Linger: after a read
// that brought some entries but not a full batch, the next read starts no
// sooner than Linger after that one started, so that it brings what
// arrived meanwhile. After a full read (a backlog) or an empty one (its
// Block ran out) the next read starts at once.
type pacer struct {
	started time.Time
	gather  bool
}

// wait, when the last read asks for it, calls before (which sends what the
// handlers left for the next read, so that it does not wait too) and waits
// until linger has passed since that read started, or until ctx is done.
// Then it marks the start of the next read.
func (p *pacer) wait(ctx context.Context, linger time.Duration, before func(context.Context)) {
	if linger > 0 && p.gather {
		if d := linger - time.Since(p.started); d > 0 {
			before(ctx)
			sleep(ctx, linger-time.Since(p.started))
		}
	}
	p.started = time.Now()
}

// read records that the read just made brought n entries of at most count.
func (p *pacer) read(n int, count int64) { p.gather = n > 0 && int64(n) < count }

// sendOutgoing sends at once, without a read, the carried messages that
// wait for the next read, with the acknowledgements in one pipeline.
// Acknowledgements alone wait for that read: nothing waits on them, and
// their entries stay pending for at most Linger more; unless Linger is
// as much as half of MinIdle, when the claim loop could take those
// entries over in the meantime.
func (c *reader) sendOutgoing(ctx context.Context) {
	if !c.hasCarried() && c.cfg.Linger < c.cfg.MinIdle/2 {
		return
	}
	if out := c.takeOutgoing(); !out.empty() {
		c.send(ctx, &out, nil)
	}
}
