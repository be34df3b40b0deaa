package memory

import (
	"context"
	"fmt"
	"strconv"

	"github.com/streamsaga/streamsaga/saga/transport"
)

// Publish appends msgs to their streams in order. It refuses a message
// without a stream, and publishes nothing then.
func (t *Transport) Publish(ctx context.Context, msgs []transport.Outgoing) error {
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("publishing %d messages: %w", len(msgs), err)
	}
	for _, m := range msgs {
		if m.Stream == "" {
			return fmt.Errorf("publishing message %s (%s): no stream", m.MessageID, m.Type)
		}
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	for _, m := range msgs {
		t.appendEntry(m.Stream, m.Fields())
	}
	t.notify()
	return nil
}

// formatID renders the n-th id.
func formatID(n int64) string { return strconv.FormatInt(n, 10) }
