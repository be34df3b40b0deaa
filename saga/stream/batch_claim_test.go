package stream

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// Entries left pending by a consumer that stopped are claimed by another
// page by page; each page goes to the batch handler whole, in stream order,
// and is acknowledged with one XACK.
func TestBatchClaimHandsPagesToBatchHandler(t *testing.T) {
	rdb, keys := setup(t)
	publishN(t, rdb, keys, "s", 10)
	failed := make(chan []Message, 10)
	c1 := startBatchConsumer(t, rdb, keys, ConsumerConfig{
		Stream: "s", Group: "g", Name: "c1", MinIdle: 100 * time.Millisecond, ClaimInterval: time.Hour,
	}, recordingBatch(failed, func(Message) error { return errors.New("transient failure") }))
	require.Len(t, receiveBatch(t, failed), 10)
	require.NoError(t, c1.Stop(context.Background()))

	rec := recordCommands(rdb)
	claimed := make(chan []Message, 10)
	startBatchConsumer(t, rdb, keys, ConsumerConfig{
		Stream: "s", Group: "g", Name: "c2", Count: 4, MinIdle: 100 * time.Millisecond, ClaimInterval: 50 * time.Millisecond,
	}, recordingBatch(claimed, ok))
	var pages [][]Message
	var all []Message
	for len(all) < 10 {
		p := receiveBatch(t, claimed)
		pages, all = append(pages, p), append(all, p...)
	}
	require.Len(t, pages, 3, "pages of Count entries")
	for _, p := range pages {
		require.LessOrEqual(t, len(p), 4)
	}
	require.Equal(t, []string{"msg-0", "msg-1", "msg-2", "msg-3", "msg-4", "msg-5", "msg-6", "msg-7", "msg-8", "msg-9"}, messageIDs(all))
	for _, m := range all {
		require.Equal(t, int64(2), m.Deliveries)
	}
	rec.waitAcked(t, 10)
	acks := rec.xacks()
	require.Len(t, acks, len(pages), "one XACK per page")
	for i, p := range pages {
		require.Equal(t, entryIDs(p), acks[i])
	}
}

// Claimed entries delivered more than MaxDeliveries times are dead-lettered
// together in one MULTI, with the last error each one had.
func TestBatchClaimDeadLettersExhaustedInOneMulti(t *testing.T) {
	rdb, keys := setup(t)
	publishN(t, rdb, keys, "s", 3)
	rec := recordCommands(rdb)
	ch := make(chan []Message, 10)
	startBatchConsumer(t, rdb, keys, ConsumerConfig{
		Stream: "s", Group: "g", MaxDeliveries: 1, MinIdle: 50 * time.Millisecond, ClaimInterval: 50 * time.Millisecond,
	}, recordingBatch(ch, func(Message) error { return errors.New("boom") }))
	first := receiveBatch(t, ch)
	require.Len(t, first, 3)

	require.Eventually(t, func() bool { return pendingCount(t, rdb, keys, "s", "g") == 0 },
		waitTimeout, 10*time.Millisecond)
	for _, dl := range requireDeadLettered(t, rdb, keys, rec, first...) {
		require.Equal(t, "delivered 1 times; last error: boom", dl.Reason)
		require.Equal(t, int64(1), dl.Deliveries)
	}
	require.Empty(t, ch, "an exhausted entry is not handed over again")
}
