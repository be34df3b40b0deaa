package redisstream

import (
	"context"
	"fmt"

	"github.com/streamsaga/streamsaga/saga/outbox"
	"github.com/streamsaga/streamsaga/saga/transport"
)

// Publish XADDs msgs in order in one pipeline. A message Redis refuses for
// good is moved to the dead letters of stream.Outbox and counts as sent.
func (t *Transport) Publish(ctx context.Context, msgs []transport.Outgoing) error {
	out := make([]outbox.Message, len(msgs))
	for i, m := range msgs {
		if m.Stream == "" {
			return fmt.Errorf("publishing message %s (%s): no stream", m.MessageID, m.Type)
		}
		out[i] = outbox.Message{
			MessageID: m.MessageID, Stream: m.Stream, PartitionKey: m.PartitionKey,
			Type: m.Type, Payload: m.Payload,
		}
	}
	return t.pub.Publish(ctx, out)
}
