package outbox

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"
)

// runState is a started courier's goroutines.
type runState struct {
	mu       sync.Mutex
	cancel   context.CancelFunc
	stopping chan struct{}
	done     chan struct{}
}

// Start starts the courier's goroutines: one publishes dispatched
// messages in order, one deletes the rows of published ones. Messages
// dispatched before Start wait for it.
func (c *Courier) Start(ctx context.Context) error {
	c.run.mu.Lock()
	defer c.run.mu.Unlock()
	if c.run.done != nil {
		return errors.New("outbox courier: already started")
	}
	ctx, c.run.cancel = context.WithCancel(ctx)
	c.run.stopping, c.run.done = make(chan struct{}), make(chan struct{})
	go c.loop(ctx, c.run.stopping, c.run.done)
	c.live.Store(true)
	return nil
}

// Stop publishes what is queued, deletes what was published and stops,
// or, when ctx is done first, stops at once: what is left stays in the
// outbox for the relay. The courier can be started again.
func (c *Courier) Stop(ctx context.Context) error {
	c.run.mu.Lock()
	defer c.run.mu.Unlock()
	if c.run.done == nil {
		return nil
	}
	c.live.Store(false)
	close(c.run.stopping)
	var err error
	select {
	case <-c.run.done:
	case <-ctx.Done():
		c.run.cancel()
		<-c.run.done
		err = fmt.Errorf("stopping outbox courier: %w (%d messages left to the relay)", ctx.Err(), c.Queued())
	}
	c.run.cancel()
	c.run.done = nil
	return err
}

// loop runs the publisher until it is stopped, then lets the remover
// finish the ids it was given.
func (c *Courier) loop(ctx context.Context, stopping <-chan struct{}, done chan<- struct{}) {
	defer close(done)
	published, removed := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(removed)
		c.removeLoop(ctx, published)
	}()
	c.publishLoop(ctx, stopping)
	close(published)
	<-removed
}

// publishLoop publishes queued messages batch by batch until ctx is done,
// or the courier is stopping and nothing is queued.
func (c *Courier) publishLoop(ctx context.Context, stopping <-chan struct{}) {
	for {
		if batch := c.take(time.Now()); len(batch) > 0 {
			if !c.publish(ctx, batch) {
				return
			}
			continue
		}
		select {
		case <-ctx.Done():
			return
		case <-stopping:
			if c.Queued() == 0 {
				return
			}
		case <-c.wake:
		}
	}
}

// take removes up to BatchSize messages from the queue, leaving out those
// whose lease has passed: the relay publishes them.
func (c *Courier) take(now time.Time) []Message {
	c.mu.Lock()
	n := min(len(c.queue), c.cfg.BatchSize)
	batch, expired := make([]Message, 0, n), 0
	for _, q := range c.queue[:n] {
		if now.Sub(q.at) >= c.cfg.Lease {
			expired++
			continue
		}
		batch = append(batch, q.msg)
	}
	c.queue = append(c.queue[:0], c.queue[n:]...)
	full := c.dropped
	c.dropped = 0
	c.mu.Unlock()
	c.leftToRelay.Add(uint64(expired))
	c.logLeftToRelay(expired, full)
	return batch
}

func (c *Courier) logLeftToRelay(expired, full int) {
	if expired > 0 {
		c.cfg.Logger.WithField("messages", expired).Warn("outbox courier: lease passed before publishing; left to the relay")
	}
	if full > 0 {
		c.cfg.Logger.WithField("messages", full).Warn("outbox courier: queue full; left to the relay")
	}
}

// publish sends batch, retrying with a growing pause until it is sent,
// its lease passes (the relay's then) or ctx is done (false).
func (c *Courier) publish(ctx context.Context, batch []Message) bool {
	start := time.Now()
	for n := 1; ; n++ {
		err := c.publishOnce(ctx, batch)
		if err == nil {
			c.published.Add(uint64(len(batch)))
			c.queueRemoval(batch)
			return true
		}
		if ctx.Err() != nil {
			return false
		}
		if time.Since(start) >= c.cfg.Lease {
			c.leftToRelay.Add(uint64(len(batch)))
			c.cfg.Logger.WithError(err).WithField("messages", len(batch)).
				Warn("outbox courier: could not publish within the lease; left to the relay")
			return true
		}
		if !c.pause(ctx, err, n, "publishing") {
			return false
		}
	}
}

func (c *Courier) publishOnce(ctx context.Context, batch []Message) error {
	ctx, cancel := context.WithTimeout(ctx, c.cfg.Lease)
	defer cancel()
	return c.pub.Publish(ctx, batch)
}

// queueRemoval hands the ids of published messages to the remover.
func (c *Courier) queueRemoval(batch []Message) {
	c.mu.Lock()
	c.queueIDs(func() {
		for _, m := range batch {
			c.ids = append(c.ids, m.ID)
		}
	})
	c.mu.Unlock()
	signal(c.idsWake)
}

// queueIDs runs add, which appends to c.ids, noting when the first of
// them came. c.mu is held.
func (c *Courier) queueIDs(add func()) {
	if len(c.ids) == 0 {
		c.idsFrom = time.Now()
	}
	add()
}

// removeLoop deletes published rows, all that gathered over RemoveDelay
// in one call, until ctx is done, or published is closed and nothing is
// left.
func (c *Courier) removeLoop(ctx context.Context, published <-chan struct{}) {
	for {
		c.gather(ctx, published)
		if ids := c.takeIDs(); len(ids) > 0 {
			if !c.remove(ctx, ids) {
				return
			}
			continue
		}
		select {
		case <-ctx.Done():
			return
		case <-published:
			if c.pendingIDs() == 0 {
				return
			}
		case <-c.idsWake:
		}
	}
}

// gather lets published ids pile up for RemoveDelay, so that one delete
// takes many; it returns early when the publisher has ended or ctx is
// done.
func (c *Courier) gather(ctx context.Context, published <-chan struct{}) {
	if c.cfg.RemoveDelay <= 0 || c.pendingIDs() == 0 {
		return
	}
	t := time.NewTimer(c.cfg.RemoveDelay)
	defer t.Stop()
	select {
	case <-ctx.Done():
	case <-published:
	case <-t.C:
	}
}

func (c *Courier) takeIDs() []int64 {
	c.mu.Lock()
	defer c.mu.Unlock()
	ids := c.ids
	c.ids = nil
	return ids
}

func (c *Courier) pendingIDs() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.ids)
}

// remove deletes ids, retrying with a growing pause until it succeeds or
// ctx is done (false). Rows never deleted are published again by the
// relay once their lease passed: a duplicate, which consumers drop.
func (c *Courier) remove(ctx context.Context, ids []int64) bool {
	for n := 1; ; n++ {
		err := c.rm.Remove(ctx, ids)
		if err == nil {
			return true
		}
		if ctx.Err() != nil || !c.pause(ctx, err, n, "deleting published rows") {
			return false
		}
	}
}

// pause logs a failure and waits for the backoff of the nth in a row;
// false when ctx is done first.
func (c *Courier) pause(ctx context.Context, err error, n int, what string) bool {
	d := growingPause(n, c.cfg.MaxBackoff)
	c.cfg.Logger.WithError(err).WithField("failures", n).Errorf("outbox courier: %s failed; retrying in %s", what, d)
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return false
	case <-t.C:
		return true
	}
}

// TakeRemovals hands over the ids of published rows waiting to be
// deleted once the oldest has waited 50 ms, or half of RemoveDelay when
// that is shorter, so that one delete still takes many (nil before): the
// caller deletes them in its transaction and, if that does not commit,
// gives them back with ReturnRemovals.
func (c *Courier) TakeRemovals() []int64 {
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.ids) == 0 || time.Since(c.idsFrom) < min(c.cfg.RemoveDelay/2, rideAfter) {
		return nil
	}
	ids := c.ids
	c.ids = nil
	return ids
}

// ReturnRemovals gives back ids TakeRemovals handed over whose delete did
// not commit; the courier deletes them itself.
func (c *Courier) ReturnRemovals(ids []int64) {
	if len(ids) == 0 {
		return
	}
	c.mu.Lock()
	c.queueIDs(func() { c.ids = append(c.ids, ids...) })
	c.mu.Unlock()
	signal(c.idsWake)
}
