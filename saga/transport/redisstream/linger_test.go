package redisstream_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/saga/stream"
	"github.com/streamsaga/streamsaga/saga/transport"
)

// A subscription's own Linger paces its reads though the transport's is
// 0: after a read that brought one message, what is published meanwhile
// comes in one batch.
func TestSubscriptionLingerGathersBetweenReads(t *testing.T) {
	tr := newTransport(t)
	batches := make(chan []string, 16)
	sub, err := tr.Subscribe(transport.SubscriptionConfig{Stream: "lingered", Group: "g", Linger: stream.MaxLinger},
		func(_ context.Context, msgs []transport.Message) []error {
			ids := make([]string, len(msgs))
			for i, m := range msgs {
				ids[i] = m.MessageID()
			}
			batches <- ids
			return make([]error, len(msgs))
		})
	require.NoError(t, err)
	require.NoError(t, sub.Start(context.Background()))
	t.Cleanup(func() { require.NoError(t, sub.Stop(context.Background())) })

	send := func(n int) {
		out := transport.Outgoing{Stream: "lingered", PartitionKey: "k", MessageID: fmt.Sprintf("m-%d", n), Type: "T",
			Payload: fmt.Appendf(nil, `{"message_id":"m-%d"}`, n)}
		require.NoError(t, tr.Publish(context.Background(), []transport.Outgoing{out}))
	}
	next := func() []string {
		select {
		case b := <-batches:
			return b
		case <-time.After(10 * time.Second):
			t.Fatal("no batch")
			return nil
		}
	}
	send(0)
	require.Equal(t, []string{"m-0"}, next())
	for n := 1; n <= 3; n++ {
		send(n) // one publish each, while the subscription waits for its next read
	}
	require.Equal(t, []string{"m-1", "m-2", "m-3"}, next(), "what arrived during the wait came in one read")
}
