package stream

import (
	"context"
	"fmt"

	"github.com/redis/go-redis/v9"
)

// Field names of a stream entry. Every entry streamsaga writes has all four;
// the envelope field holds the JSON envelope and is the only one consumers
// need.
const (
	FieldMessageID = "message_id"
	FieldType      = "type"
	FieldSagaID    = "saga_id"
	FieldEnvelope  = "envelope"
)

// Message is one stream entry as handed to a Handler.
type Message struct {
	// ID is the Redis entry id, such as "1700000000000-0".
	ID string
	// Stream is the logical stream name.
	Stream string
	// Shard is the shard of the stream the entry was read from; 0 on
	// unsharded keys.
	Shard int
	// Fields are the entry's fields as strings.
	Fields map[string]string
	// Deliveries is how many times the entry has been delivered, counting
	// this one (1 on first delivery).
	Deliveries int64
}

// Envelope returns the raw envelope field.
func (m Message) Envelope() []byte { return []byte(m.Fields[FieldEnvelope]) }

// Handler handles one entry. It returns nil only when the entry's effect is
// committed; the consumer then acknowledges it. An error that saga.IsPermanent
// recognises sends the entry to the dead-letter stream at once; any other
// error leaves it pending for redelivery.
type Handler func(ctx context.Context, msg Message) error

func entryIDs(msgs []Message) []string {
	ids := make([]string, len(msgs))
	for i, m := range msgs {
		ids[i] = m.ID
	}
	return ids
}

func (c *reader) toMessage(xm redis.XMessage, deliveries int64) Message {
	return Message{ID: xm.ID, Stream: c.cfg.Stream, Shard: c.shard, Fields: stringFields(xm.Values), Deliveries: deliveries}
}

// stringFields converts go-redis entry values to strings. An entry deleted
// while pending has no values and yields an empty map.
func stringFields(values map[string]any) map[string]string {
	fields := make(map[string]string, len(values))
	for k, v := range values {
		if s, ok := v.(string); ok {
			fields[k] = s
		} else {
			fields[k] = fmt.Sprint(v)
		}
	}
	return fields
}
