package transport

import "context"

// BatchHandler handles a batch of messages of one stream, in stream order,
// and returns one outcome per message at the message's index (see the
// package documentation for what each outcome means). A result of another
// length, or a panic, counts as an ordinary error for every message of the
// batch. The handler must not keep msgs after it returns.
//
// The context carries the values of the one given to Start but is not
// cancelled when the subscription stops, so that a handler in flight can
// commit.
type BatchHandler func(ctx context.Context, msgs []Message) []error

// Handler handles one message; its error means what a BatchHandler's
// outcome means.
type Handler func(ctx context.Context, msg Message) error

// Each adapts a Handler to a BatchHandler that handles a batch's messages
// one after the other. Set SubscriptionConfig.BatchSize to 1 to have each
// message settled before the next one is handled.
func Each(h Handler) BatchHandler {
	return func(ctx context.Context, msgs []Message) []error {
		errs := make([]error, len(msgs))
		for i, m := range msgs {
			errs[i] = h(ctx, m)
		}
		return errs
	}
}

// Subscriber subscribes handlers to logical streams.
type Subscriber interface {
	// Subscribe validates cfg and returns a Subscription that hands the
	// stream's messages to h once started. It does no I/O.
	Subscribe(cfg SubscriptionConfig, h BatchHandler) (Subscription, error)
}

// Subscription reads one stream as a member of a consumer group. It has
// the lifecycle of every long-lived part of a service.
type Subscription interface {
	// Start creates the group when it does not exist yet (it then receives
	// every message the stream still holds) and starts reading. It returns
	// once reading runs; reading goes on until Stop or until ctx is done,
	// so pass a long-lived ctx. A Subscription starts at most once:
	// subscribe again to restart.
	Start(ctx context.Context) error
	// Stop stops reading, lets the handler call in flight finish, and
	// waits for that at most until ctx is done, then returns ctx's error
	// wrapped. Messages not settled are delivered to the group again.
	// Stop before Start, or twice, is a no-op.
	Stop(ctx context.Context) error
}
