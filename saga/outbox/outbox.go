package outbox

import (
	"context"
	"fmt"
	"time"

	"github.com/streamsaga/streamsaga/saga"
)

// Message is one outbox row: an encoded envelope bound for a logical stream.
type Message struct {
	// ID is the row id, set by the store when the row is claimed.
	ID int64
	// MessageID is the envelope's message id.
	MessageID string
	// Stream is the logical stream name (without the installation prefix).
	Stream string
	// PartitionKey groups messages that must leave in the order they were
	// written; it is the saga id for saga messages.
	PartitionKey string
	// Type is the envelope's type.
	Type string
	// Payload is the encoded envelope.
	Payload []byte
}

// FromEnvelope encodes an envelope into an outbox message for stream. The
// partition key is the saga id, or the message id when there is none.
func FromEnvelope(stream string, env saga.Envelope) (Message, error) {
	if env.Time.IsZero() {
		env.Time = time.Now().UTC()
	}
	b, err := env.Encode()
	if err != nil {
		return Message{}, err
	}
	key := env.SagaID
	if key == "" {
		key = env.MessageID
	}
	if stream == "" {
		return Message{}, fmt.Errorf("message %s (%s) has no stream", env.MessageID, env.Type)
	}
	return Message{MessageID: env.MessageID, Stream: stream, PartitionKey: key, Type: env.Type, Payload: b}, nil
}

// FromOutgoing encodes engine output into outbox messages.
func FromOutgoing(out []saga.Outgoing) ([]Message, error) {
	msgs := make([]Message, 0, len(out))
	for _, o := range out {
		m, err := FromEnvelope(o.Stream, o.Envelope)
		if err != nil {
			return nil, err
		}
		msgs = append(msgs, m)
	}
	return msgs, nil
}

// Writer adds messages to the outbox inside the caller's transaction.
type Writer interface {
	AddMessages(ctx context.Context, msgs []Message) error
}

// PublishFunc sends a claimed batch. It must return nil only when every
// message of the batch was accepted by the transport, or set aside for good
// (a dead letter) when the transport refuses it permanently, so that a
// message that can never be sent does not hold up those behind it.
type PublishFunc func(ctx context.Context, msgs []Message) error

// Source is the relay's side of the outbox store.
type Source interface {
	// Relay claims up to limit unpublished messages in one transaction,
	// skipping rows other relays hold and any message whose partition has
	// an earlier message still unpublished elsewhere, calls publish with the
	// claimed messages in row order, and removes them when publish returns
	// nil (otherwise they stay for the next pass). It returns how many
	// messages were published.
	Relay(ctx context.Context, limit int, publish PublishFunc) (int, error)
	// Wait blocks until new rows may have been added, timeout passes or ctx
	// is done. A lost wake-up only costs latency: the relay also polls.
	Wait(ctx context.Context, timeout time.Duration) error
	// Backlog counts unpublished messages, but stops past
	// BacklogCountLimit: a larger backlog reads as BacklogCountLimit+1.
	Backlog(ctx context.Context) (int64, error)
	// OldestAge is how long the oldest unpublished message has waited
	// since it was written; zero when the outbox is empty.
	OldestAge(ctx context.Context) (time.Duration, error)
	// Close releases what Wait holds.
	Close() error
}

// Publisher sends messages to their streams, in order, as one batch. A
// message the transport refuses for good is dead-lettered by the
// publisher and counts as sent.
type Publisher interface {
	Publish(ctx context.Context, msgs []Message) error
}

// BacklogCountLimit bounds what Backlog counts, so that reading a large
// backlog (at every metrics scrape) costs a bounded index scan.
const BacklogCountLimit = 100_000
