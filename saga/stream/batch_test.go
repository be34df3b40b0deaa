package stream

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/saga"
)

// A backlog is handed over in stream order, Count entries per batch at
// most, and each batch is acknowledged with exactly one XACK of its ids.
func TestBatchConsumerDeliversInStreamOrder(t *testing.T) {
	rdb, keys := setup(t)
	const n = 150
	publishN(t, rdb, keys, "s", n)
	rec := recordCommands(rdb)
	ch := make(chan []Message, n)
	startBatchConsumer(t, rdb, keys, ConsumerConfig{Stream: "s", Group: "g", Count: 64}, recordingBatch(ch, ok))

	var batches [][]Message
	var all []Message
	for len(all) < n {
		b := receiveBatch(t, ch)
		batches, all = append(batches, b), append(all, b...)
	}
	var sizes []int
	for _, b := range batches {
		sizes = append(sizes, len(b))
	}
	require.Equal(t, []int{64, 64, 22}, sizes, "a backlog comes in full batches of Count")
	for i, m := range all {
		require.Equal(t, fmt.Sprintf("msg-%d", i), m.Fields[FieldMessageID], "stream order")
		require.Equal(t, int64(1), m.Deliveries)
	}
	rec.waitAcked(t, n)
	acks := rec.xacks()
	require.Len(t, acks, len(batches), "one XACK per batch")
	for i, b := range batches {
		require.Equal(t, entryIDs(b), acks[i])
	}
	require.Equal(t, int64(0), pendingCount(t, rdb, keys, "s", "g"))
}

// mixedBatch answers by message id: msg-1 and msg-5 succeed, msg-2 and
// msg-6 are rejected permanently, msg-3 fails on its first delivery only,
// and msg-4 finds the back end unavailable on its first two calls.
type mixedBatch struct {
	mu    sync.Mutex
	calls map[string][]int64 // deliveries of each call, by message id
}

func (h *mixedBatch) outcome(m Message) error {
	h.mu.Lock()
	defer h.mu.Unlock()
	id := m.Fields[FieldMessageID]
	h.calls[id] = append(h.calls[id], m.Deliveries)
	switch {
	case id == "msg-2" || id == "msg-6":
		return saga.Permanent(errors.New("unknown message type"))
	case id == "msg-3" && m.Deliveries == 1:
		return errors.New("deadlock detected")
	case id == "msg-4" && len(h.calls[id]) <= 2:
		return saga.Unavailable(errors.New("database is restarting"))
	}
	return nil
}

func (h *mixedBatch) callsOf(id string) []int64 {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.calls[id]
}

// One batch with every kind of outcome: the committed entries are
// acknowledged together, the rejected ones dead-lettered together, the
// failed one stays pending and is redelivered, and the unavailable one is
// held (0.6 s, longer than MinIdle) without counting deliveries, then
// acknowledged.
func TestBatchConsumerMixedOutcomes(t *testing.T) {
	rdb, keys := setup(t)
	publish(t, rdb, keys, testMessage("s", 1), testMessage("s", 2), testMessage("s", 3),
		testMessage("s", 4), testMessage("s", 5), testMessage("s", 6))
	rec := recordCommands(rdb)
	h := &mixedBatch{calls: map[string][]int64{}}
	ch := make(chan []Message, 100)
	startBatchConsumer(t, rdb, keys, ConsumerConfig{Stream: "s", Group: "g",
		MinIdle: 300 * time.Millisecond, ClaimInterval: 50 * time.Millisecond}, recordingBatch(ch, h.outcome))

	first := receiveBatch(t, ch)
	require.Equal(t, []string{"msg-1", "msg-2", "msg-3", "msg-4", "msg-5", "msg-6"}, messageIDs(first))
	rec.waitAcked(t, 4) // msg-1, msg-5, then msg-4 and msg-3
	require.Equal(t, int64(0), pendingCount(t, rdb, keys, "s", "g"))

	require.Equal(t, []int64{1, 1, 1}, h.callsOf("msg-4"), "held retries are not deliveries")
	require.Equal(t, []int64{1, 2}, h.callsOf("msg-3"), "a failed entry is redelivered")
	for _, id := range []string{"msg-1", "msg-2", "msg-5", "msg-6"} {
		require.Equal(t, []int64{1}, h.callsOf(id), id)
	}
	acks := rec.xacks()
	require.Len(t, acks, 3)
	require.Equal(t, []string{first[0].ID, first[4].ID}, acks[0], "one XACK for the batch's committed entries")
	require.ElementsMatch(t, [][]string{{first[3].ID}, {first[2].ID}}, acks[1:])
	for _, dl := range requireDeadLettered(t, rdb, keys, rec, first[1], first[5]) {
		require.Contains(t, dl.Reason, "unknown message type")
		require.Equal(t, int64(1), dl.Deliveries)
	}
}

// requireDeadLettered checks that exactly msgs were dead-lettered, in one
// MULTI of one XADD each and one XACK of all, and returns their dead
// letters in msgs's order.
func requireDeadLettered(t *testing.T, rdb redis.UniversalClient, keys Keys, rec *cmdRecorder, msgs ...Message) []DeadLetter {
	t.Helper()
	names, acked := rec.transactions()
	want := []string{"multi"}
	for range msgs {
		want = append(want, "xadd")
	}
	require.Equal(t, [][]string{append(want, "xack", "exec")}, names)
	require.Equal(t, [][]string{entryIDs(msgs)}, acked)
	dls, err := ListDLQ(context.Background(), rdb, keys, "s", 100)
	require.NoError(t, err)
	require.Len(t, dls, len(msgs))
	slices.Reverse(dls) // ListDLQ is newest first
	for i, m := range msgs {
		require.Equal(t, m.ID, dls[i].SourceID)
		require.Equal(t, m.Fields, dls[i].Fields)
	}
	return dls
}

// The per-entry Handler is unchanged: each entry is acknowledged before the
// next one is handed over.
func TestHandlerAcksEachEntryBeforeTheNext(t *testing.T) {
	rdb, keys := setup(t)
	publishN(t, rdb, keys, "s", 3)
	pending := make(chan int64, 3)
	startConsumer(t, rdb, keys, ConsumerConfig{Stream: "s", Group: "g"}, func(ctx context.Context, _ Message) error {
		p, err := rdb.XPending(ctx, keys.Stream("s"), keys.Group("g")).Result()
		if err != nil {
			return err
		}
		pending <- p.Count
		return nil
	})
	var got []int64
	for range 3 {
		select {
		case p := <-pending:
			got = append(got, p)
		case <-time.After(waitTimeout):
			t.Fatal("timed out waiting for the handler")
		}
	}
	require.Equal(t, []int64{3, 2, 1}, got)
}
