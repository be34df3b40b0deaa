package stream

import (
	"context"
	"sync"
)

// combiner hands the batches of several shards' readers to one
// BatchHandler together: while a call runs, the batches other shards
// bring wait and then go to the next call as one, so a sharded stream
// costs about as many handler calls (database transactions) as a single
// key does. A batch alone is handled at once, by its own goroutine. Each
// reader waits for its own batch's answers before it reads again, so one
// shard's entries are still handled in order.
type combiner struct {
	bh  BatchHandler
	max int // most entries in one call (a lone batch may have more)

	mu      sync.Mutex
	waiting []*submission
	running bool
}

// submission is one reader's batch and, once handled, its answers.
type submission struct {
	msgs []Message
	errs []error
	done chan struct{}
}

// combine returns bh behind a combiner taking up to max entries a call.
func combine(bh BatchHandler, max int) BatchHandler {
	c := &combiner{bh: bh, max: max}
	return c.handle
}

// handle queues msgs and returns their answers. The first caller that
// finds no call running runs calls until nothing waits; the others wait.
func (c *combiner) handle(ctx context.Context, msgs []Message) []error {
	s := &submission{msgs: msgs, done: make(chan struct{})}
	c.mu.Lock()
	c.waiting = append(c.waiting, s)
	if c.running {
		c.mu.Unlock()
		<-s.done
		return s.errs
	}
	c.running = true
	c.mu.Unlock()
	c.drain(ctx)
	<-s.done // answered by the first call
	return s.errs
}

// drain runs calls over what waits until nothing does.
func (c *combiner) drain(ctx context.Context) {
	for {
		c.mu.Lock()
		subs := c.take()
		if len(subs) == 0 {
			c.running = false
			c.mu.Unlock()
			return
		}
		c.mu.Unlock()
		c.call(ctx, subs)
	}
}

// take removes waiting submissions up to max entries (at least one).
// c.mu is held.
func (c *combiner) take() []*submission {
	n, total := 0, 0
	for n < len(c.waiting) && (n == 0 || total+len(c.waiting[n].msgs) <= c.max) {
		total += len(c.waiting[n].msgs)
		n++
	}
	subs := c.waiting[:n:n]
	c.waiting = c.waiting[n:]
	return subs
}

// call hands the submissions' entries to the handler in one call and
// gives each its answers. A panic, or a wrong number of answers, becomes
// an error for every entry, as the reader makes of it for a batch of its
// own.
func (c *combiner) call(ctx context.Context, subs []*submission) {
	var all []Message
	for _, s := range subs {
		all = append(all, s.msgs...)
	}
	errs := callSafely(ctx, c.bh, all)
	for _, s := range subs {
		s.errs, errs = errs[:len(s.msgs):len(s.msgs)], errs[len(s.msgs):]
		close(s.done)
	}
}
