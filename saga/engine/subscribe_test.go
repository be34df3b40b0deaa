package engine_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/saga"
	"github.com/streamsaga/streamsaga/saga/engine"
	"github.com/streamsaga/streamsaga/saga/stream"
	"github.com/streamsaga/streamsaga/saga/transport"
	"github.com/streamsaga/streamsaga/saga/transport/redisstream"
)

// SubscribeLinger paces the reads of one application stream though the
// engine's Linger is 0: after a read that brought one event, the events
// published meanwhile come in one batch.
func TestSubscribeLingerPacesTheStreamsReads(t *testing.T) {
	ctx, cancel := context.WithTimeout(t.Context(), 30*time.Second)
	defer cancel()
	e, rdb, prefix := sqliteEngine(ctx, t, engine.Config{Definitions: []*saga.Definition{greeting()}})
	batches := make(chan []string, 16)
	e.Subscribe("app.events", func(_ context.Context, msgs []transport.Message) []error {
		ids := make([]string, len(msgs))
		for i, m := range msgs {
			ids[i] = m.MessageID()
		}
		batches <- ids
		return make([]error, len(msgs))
	}, engine.SubscribeLinger(stream.MaxLinger))
	require.NoError(t, e.Start(ctx))
	defer e.Stop(context.Background())

	pub := redisstream.New(rdb, redisstream.Config{Prefix: prefix})
	send := func(n int) {
		id := fmt.Sprintf("event-%d", n)
		require.NoError(t, pub.Publish(ctx, []transport.Outgoing{{Stream: "app.events", PartitionKey: id,
			MessageID: id, Type: "Happened", Payload: fmt.Appendf(nil, `{"message_id":%q}`, id)}}))
	}
	next := func() []string {
		select {
		case b := <-batches:
			return b
		case <-ctx.Done():
			t.Fatal("no batch")
			return nil
		}
	}
	send(0)
	require.Equal(t, []string{"event-0"}, next())
	for n := 1; n <= 3; n++ {
		send(n)
	}
	require.Equal(t, []string{"event-1", "event-2", "event-3"}, next(), "what arrived during the wait came in one read")
}
