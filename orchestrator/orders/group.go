package orders

import (
	"context"
	"errors"
	"sync"
	"time"

	"github.com/streamsaga/streamsaga/orchestrator/ordersaga"
	"github.com/streamsaga/streamsaga/orchestrator/orderstore"
	"github.com/streamsaga/streamsaga/saga"
	"github.com/streamsaga/streamsaga/saga/driver"
	"github.com/streamsaga/streamsaga/saga/outbox"
)

// maxGroup bounds how many placements share one transaction.
const maxGroup = 256

// groupTimeout bounds one shared transaction; it does not depend on any
// one caller's context, since it commits for all of them.
const groupTimeout = 30 * time.Second

// placement is one order waiting for a shared transaction.
type placement struct {
	order orderstore.Order
	// event is the order's OrderCreated, encoded once when it was placed.
	event outbox.Message
	// start is the order's saga, started with it when the group starts
	// sagas.
	start saga.StartInput
	out   Placed
	err   error
	done  chan struct{}
}

// group commits concurrent placements together: the orders queued while
// one transaction commits go into the next, so under load many orders
// share a commit, and a lone order is committed at once, by the goroutine
// that placed it (nothing waits for company). One transaction is in flight
// at a time.
type group struct {
	store  driver.Store
	orders orderstore.Store
	// start, when set, starts the sagas of the new orders in their
	// transaction.
	start StartFunc
	// started, with start, remembers the sagas committed with their
	// orders.
	started  *startedHere
	fallback func(ctx context.Context, p *placement) (Placed, error)

	mu    sync.Mutex
	queue []*placement
	busy  bool
}

// place queues p and waits until its transaction ended or ctx is done.
func (g *group) place(ctx context.Context, p *placement) (Placed, error) {
	p.done = make(chan struct{})
	g.mu.Lock()
	g.queue = append(g.queue, p)
	lead := !g.busy
	g.busy = true
	g.mu.Unlock()
	if lead {
		g.lead()
	}
	select {
	case <-p.done:
		return p.out, p.err
	case <-ctx.Done():
		return Placed{}, ctx.Err()
	}
}

// lead commits the first group in the placing goroutine, so that a lone
// order is placed without handing it to another goroutine and back, and
// leaves what was queued meanwhile to a drain of its own.
func (g *group) lead() {
	g.commit(g.next()) // not empty: it holds the leader's placement
	g.mu.Lock()
	more := len(g.queue) > 0
	g.busy = more
	g.mu.Unlock()
	if more {
		go g.drain()
	}
}

// drain commits the queue, a group at a time, until it is empty.
func (g *group) drain() {
	for batch := g.next(); batch != nil; batch = g.next() {
		g.commit(batch)
	}
}

// next takes the next group off the queue; nil, and the group no longer
// busy, when the queue is empty.
func (g *group) next() []*placement {
	g.mu.Lock()
	defer g.mu.Unlock()
	n := min(len(g.queue), maxGroup)
	if n == 0 {
		g.busy = false
		return nil
	}
	batch := g.queue[:n:n]
	g.queue = g.queue[n:]
	return batch
}

// commit places batch in one transaction. If that fails for a reason other
// than an unreachable database (a key taken meanwhile by another
// orchestrator, a bad row), each is placed on its own so one cannot fail
// the others.
func (g *group) commit(batch []*placement) {
	ctx, cancel := context.WithTimeout(context.Background(), groupTimeout)
	defer cancel()
	outs := make([]Placed, len(batch))
	errs := make([]error, len(batch))
	err := inTx(ctx, g.store, g.orders, func(ctx context.Context, tx orderTx) error {
		return g.placeAll(ctx, tx, batch, outs, errs)
	})
	if err == nil {
		g.remember(outs, errs)
	}
	for i, p := range batch {
		switch {
		case err == nil:
			p.out, p.err = outs[i], errs[i]
		case saga.IsUnavailable(err) || len(batch) == 1 && !isKeyRace(err):
			p.err = err
		default:
			p.out, p.err = g.fallback(ctx, p)
		}
		close(p.done)
	}
}

// placeAll stores the new orders of batch with their OrderCreated events
// (and starts their sagas when the group starts sagas) and answers the
// others from the order their key already names: a replay for the same
// request, a 409 for another one. Two placements of one key in a batch are
// as if one came after the other.
func (g *group) placeAll(ctx context.Context, tx orderTx, batch []*placement, outs []Placed, errs []error) error {
	prev, err := tx.OrdersByIdempotencyKeys(ctx, batchKeys(batch))
	if err != nil {
		return err
	}
	var fresh []orderstore.Order
	var events []outbox.Message
	var starts []saga.StartInput
	for i, p := range batch {
		o, seen := prev[p.order.IdempotencyKey]
		if seen && p.order.IdempotencyKey != "" {
			outs[i], errs[i] = Placed{Order: o, Replayed: true}, checkSameRequest(o, p.order)
			continue
		}
		fresh, events, starts = append(fresh, p.order), append(events, p.event), append(starts, p.start)
		outs[i] = Placed{Order: p.order}
		if p.order.IdempotencyKey != "" {
			prev[p.order.IdempotencyKey] = p.order
		}
	}
	if err := tx.InsertOrders(ctx, fresh); err != nil {
		return err
	}
	if err := tx.engine.AddMessages(ctx, events); err != nil {
		return err
	}
	if g.start == nil || len(starts) == 0 {
		return nil
	}
	return g.start(ctx, tx.engine, ordersaga.SagaType, starts)
}

// remember notes the sagas of the new orders of a committed transaction
// (outs and errs as placeAll left them), when the group starts sagas.
func (g *group) remember(outs []Placed, errs []error) {
	if g.start == nil {
		return
	}
	var ids []string
	for i, o := range outs {
		if errs[i] == nil && !o.Replayed && o.Order.SagaID != "" {
			ids = append(ids, o.Order.SagaID)
		}
	}
	g.started.add(ids)
}

func batchKeys(batch []*placement) []string {
	var keys []string
	for _, p := range batch {
		if p.order.IdempotencyKey != "" {
			keys = append(keys, p.order.IdempotencyKey)
		}
	}
	return keys
}

// isKeyRace reports an idempotency key taken between the lookup and the
// insert, which the one-by-one path retries.
func isKeyRace(err error) bool { return errors.Is(err, orderstore.ErrIdempotencyKeyUsed) }
