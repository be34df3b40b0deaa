package inventorypg_test

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"sync/atomic"
	"testing"
	"time"

	"github.com/sirupsen/logrus"
	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/participants/inventory"
	"github.com/streamsaga/streamsaga/participants/inventory/inventorypg"
	"github.com/streamsaga/streamsaga/participants/sdk/sdktest"
	"github.com/streamsaga/streamsaga/saga"
	"github.com/streamsaga/streamsaga/saga/outbox"
	"github.com/streamsaga/streamsaga/saga/stream"
	"github.com/streamsaga/streamsaga/saga/testenv"
	"github.com/streamsaga/streamsaga/saga/transport"
	"github.com/streamsaga/streamsaga/saga/transport/redisstream"
)

// TestCrashBetweenCommitAndAck handles a command, commits, and then dies
// before XACK (the handler reports failure after its transaction
// committed, so the entry stays pending as if the process had been
// killed). Another consumer takes the entry over with XAUTOCLAIM; the
// redelivery must change nothing: one reservation, one reply (written again
// under the same id, for a receiver that lost it).
func TestCrashBetweenCommitAndAck(t *testing.T) {
	ctx := context.Background()
	pool := sdktest.Pool(t, inventorypg.Schema)
	rdb, prefix := testenv.Redis(t)
	keys := stream.Keys{Prefix: prefix}
	st := inventorypg.New(pool)
	_, err := st.SetStock(ctx, "A", 5)
	require.NoError(t, err)
	log := logrus.New()
	log.SetOutput(io.Discard)
	p, err := inventory.NewParticipant(st, logrus.NewEntry(log))
	require.NoError(t, err)

	var calls atomic.Int32
	handled := make(chan struct{}, 4)
	handler := func(ctx context.Context, msg transport.Message) error {
		err := p.Handle(ctx, msg)
		n := calls.Add(1)
		handled <- struct{}{}
		if err == nil && n == 1 {
			return errors.New("process died after commit, before XACK")
		}
		return err
	}
	c, err := redisstream.New(rdb, redisstream.Config{Prefix: prefix,
		MinIdle: 100 * time.Millisecond, ClaimInterval: 50 * time.Millisecond, Block: 100 * time.Millisecond,
		Logger: logrus.NewEntry(log)}).Subscribe(transport.SubscriptionConfig{Stream: inventory.CommandStream, Group: "inventory",
		BatchSize: 1}, transport.Each(handler))
	require.NoError(t, err)
	require.NoError(t, c.Start(ctx))
	t.Cleanup(func() { _ = c.Stop(context.Background()) })

	data, _ := json.Marshal(map[string]any{"order_id": "o1", "items": []map[string]any{{"sku": "A", "quantity": 2}}})
	msg, err := outbox.FromEnvelope(inventory.CommandStream, saga.Envelope{MessageID: saga.NewID(), Type: "ReserveInventory",
		SagaID: saga.NewID(), Step: "reserve_inventory", Attempt: 1, ReplyTo: stream.OrchestratorReply, Time: time.Now(), Data: data})
	require.NoError(t, err)
	require.NoError(t, stream.NewPublisher(rdb, keys, stream.PublisherConfig{}).Publish(ctx, []outbox.Message{msg}))

	for range 2 {
		select {
		case <-handled:
		case <-time.After(10 * time.Second):
			t.Fatal("the entry was not redelivered")
		}
	}
	require.Eventually(t, func() bool {
		n, err := rdb.XPending(ctx, keys.Stream(inventory.CommandStream), keys.Group("inventory")).Result()
		return err == nil && n.Count == 0
	}, 5*time.Second, 20*time.Millisecond, "the redelivered entry is acknowledged")

	s, err := st.GetStock(ctx, "A")
	require.NoError(t, err)
	require.Equal(t, int64(3), s.Available)
	require.Equal(t, int64(2), s.Reserved)
	var rows, ids int
	require.NoError(t, pool.QueryRow(ctx, "SELECT count(*), count(DISTINCT message_id) FROM outbox WHERE message_type = 'InventoryReserved'").Scan(&rows, &ids))
	require.Equal(t, []int{2, 1}, []int{rows, ids})
}
