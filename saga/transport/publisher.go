package transport

import "context"

// Publisher sends messages to their logical streams.
type Publisher interface {
	// Publish sends msgs as one batch, in order. It returns nil only when
	// every message was accepted, or set aside as a dead letter because the
	// broker refuses it for good, so that a message that can never be sent
	// does not hold up those behind it. On an error the whole batch should
	// be sent again: consumers deduplicate by message id.
	Publish(ctx context.Context, msgs []Outgoing) error
}

// PublishFunc adapts a function to a Publisher.
type PublishFunc func(ctx context.Context, msgs []Outgoing) error

// Publish calls f.
func (f PublishFunc) Publish(ctx context.Context, msgs []Outgoing) error { return f(ctx, msgs) }
