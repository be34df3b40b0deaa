package stream

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// Redis losing its data (here: the stream key deleted under a running
// consumer) makes reads fail with NOGROUP; the consumer recreates its group
// and keeps receiving.
func TestNoGroupRecovery(t *testing.T) {
	rdb, keys := setup(t)
	ch := make(chan Message, 10)
	startConsumer(t, rdb, keys, ConsumerConfig{
		Stream: "s", Group: "g", Block: 200 * time.Millisecond, ClaimInterval: 50 * time.Millisecond,
	}, chanHandler(ch, ok))

	publish(t, rdb, keys, testMessage("s", 1))
	require.Equal(t, "msg-1", receive(t, ch).Fields[FieldMessageID])

	require.NoError(t, rdb.Del(context.Background(), keys.Stream("s")).Err())
	publish(t, rdb, keys, testMessage("s", 2))
	require.Equal(t, "msg-2", receive(t, ch).Fields[FieldMessageID])

	groups, err := rdb.XInfoGroups(context.Background(), keys.Stream("s")).Result()
	require.NoError(t, err)
	require.Len(t, groups, 1)
	require.Equal(t, keys.Group("g"), groups[0].Name)
}
