package outbox

import "context"

// Carrier publishes committed messages with a round trip it makes anyway,
// such as a stream consumer's next read, instead of the courier's own:
// one write and one wake-up fewer per message when messages travel one or
// two at a time.
type Carrier interface {
	// Carry queues msgs for that round trip and returns at once. sent is
	// called exactly once, after the round trip, with nil when every
	// message was accepted, else with the error: the courier then
	// publishes them itself (consumers drop a duplicate).
	Carry(msgs []Message, sent func(error))
}

type carrierKey struct{}

// WithCarrier returns ctx carrying c: the messages of a transaction that
// commits under the returned context go out with c (see
// Courier.DispatchContext). A nil c removes the carrier ctx had.
func WithCarrier(ctx context.Context, c Carrier) context.Context {
	return context.WithValue(ctx, carrierKey{}, c)
}

// CarrierFrom returns the carrier of ctx, nil when it has none.
func CarrierFrom(ctx context.Context) Carrier {
	c, _ := ctx.Value(carrierKey{}).(Carrier)
	return c
}

// ContextDispatcher is a Dispatcher that can hand committed messages to
// the carrier of the committing context. Drivers prefer it to Dispatch.
type ContextDispatcher interface {
	Dispatcher
	// DispatchContext queues committed messages for publishing, through
	// ctx's carrier when it has one. It does not block.
	DispatchContext(ctx context.Context, msgs []Message)
}

// DispatchContext hands msgs to the carrier of ctx, when it has one and
// the courier runs, else queues them as Dispatch does. Messages the
// carrier could not send are queued then, so the courier publishes them
// within their lease or leaves them to the relay.
func (c *Courier) DispatchContext(ctx context.Context, msgs []Message) {
	car := CarrierFrom(ctx)
	if len(msgs) == 0 || car == nil || !c.running() {
		c.Dispatch(msgs)
		return
	}
	car.Carry(msgs, func(err error) {
		if err != nil {
			c.Dispatch(msgs)
			return
		}
		c.published.Add(uint64(len(msgs)))
		c.queueRemoval(msgs)
	})
}

// running reports whether the courier has been started and is not
// stopping.
func (c *Courier) running() bool { return c.live.Load() }

var _ ContextDispatcher = (*Courier)(nil)
