package stream

import (
	"context"
	"errors"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/saga"
)

// A handler that fails only because the database is down does not push its
// entry towards the dead-letter stream, however long the outage: the
// consumer holds the entry, keeps its claim fresh so no other consumer takes
// it over, and retries until the back end answers.
func TestUnavailableBackEndHoldsEntryWithoutDeadLettering(t *testing.T) {
	rdb, keys := setup(t)
	publish(t, rdb, keys, testMessage("cmds", 1))

	var calls atomic.Int32
	down := errors.New("database is restarting")
	handled, firstCall := make(chan Message, 10), make(chan struct{})
	h := func(_ context.Context, m Message) error {
		if calls.Add(1) == 1 {
			close(firstCall)
		}
		if calls.Load() <= 5 { // 0.2+0.4+0.8+1.6 s of outage, longer than MinIdle
			return saga.Unavailable(down)
		}
		handled <- m
		return nil
	}
	cfg := ConsumerConfig{Stream: "cmds", Group: "g", MinIdle: 300 * time.Millisecond,
		ClaimInterval: 50 * time.Millisecond, MaxDeliveries: 2}
	cfg.Name = "holder"
	startConsumer(t, rdb, keys, cfg, h)
	<-firstCall // the holder has the entry; now another consumer joins
	other := make(chan Message, 10)
	cfg.Name = "bystander"
	startConsumer(t, rdb, keys, cfg, chanHandler(other, ok))

	m := receive(t, handled)
	require.Equal(t, int64(1), m.Deliveries, "retries while unavailable are not deliveries")
	require.Eventually(t, func() bool { return pendingCount(t, rdb, keys, "cmds", "g") == 0 },
		waitTimeout, 10*time.Millisecond)
	dls, err := ListDLQ(context.Background(), rdb, keys, "cmds", 10)
	require.NoError(t, err)
	require.Empty(t, dls)
	require.Empty(t, other, "the bystander never took the held entry over")
}
