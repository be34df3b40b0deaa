package storetest

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/saga/outbox"
)

// caseTimeout bounds every case.
const caseTimeout = 30 * time.Second

// errRollback is what a case returns from InTx to roll the transaction back.
var errRollback = errors.New("roll back on purpose")

// testContext is cancelled when t ends or caseTimeout passes.
func testContext(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(t.Context(), caseTimeout)
	t.Cleanup(cancel)
	return ctx
}

// NewMessage returns a message of partition with a fresh id, whose payload
// names the partition and seq, the message's place in its partition.
func NewMessage(partition string, seq int) outbox.Message {
	return outbox.Message{
		MessageID:    uuid.NewString(),
		Stream:       "storetest." + partition,
		PartitionKey: partition,
		Type:         fmt.Sprintf("Test%d", seq%3),
		Payload:      fmt.Appendf(nil, `{"partition":%q,"seq":%d,"text":"größe ✓"}`, partition, seq),
	}
}

// Add writes msgs in one committed transaction of h.
func Add(ctx context.Context, t testing.TB, h Harness, msgs ...outbox.Message) {
	t.Helper()
	err := h.InTx(ctx, func(ctx context.Context, s Stores) error {
		return s.Outbox.AddMessages(ctx, msgs)
	})
	require.NoError(t, err, "adding messages")
}

// RequireSame checks that got holds the messages of want, ids aside, in the
// same order.
func RequireSame(t testing.TB, want, got []outbox.Message) {
	t.Helper()
	require.Equal(t, withoutIDs(want), withoutIDs(got))
}

// RequireDelivered checks that got holds every message of want exactly
// once, and each partition's messages in want's order.
func RequireDelivered(t testing.TB, want, got []outbox.Message) {
	t.Helper()
	require.Len(t, got, len(want), "every message exactly once")
	wantBy, gotBy := byPartition(want), byPartition(got)
	require.Len(t, gotBy, len(wantBy), "partitions")
	for key, ids := range wantBy {
		require.Equal(t, ids, gotBy[key], "order of partition %s", key)
	}
}

func byPartition(msgs []outbox.Message) map[string][]string {
	out := map[string][]string{}
	for _, m := range msgs {
		out[m.PartitionKey] = append(out[m.PartitionKey], m.MessageID)
	}
	return out
}

func withoutIDs(msgs []outbox.Message) []outbox.Message {
	out := make([]outbox.Message, len(msgs))
	for i, m := range msgs {
		m.ID = 0
		out[i] = m
	}
	return out
}

// requireBacklog checks how many messages src has left.
func requireBacklog(ctx context.Context, t testing.TB, src outbox.Source, want int64) {
	t.Helper()
	n, err := src.Backlog(ctx)
	require.NoError(t, err)
	require.Equal(t, want, n, "backlog")
}

// receive waits for a value from ch, failing t after timeout.
func receive[T any](t testing.TB, ch <-chan T, timeout time.Duration, what string) T {
	t.Helper()
	select {
	case v := <-ch:
		return v
	case <-time.After(timeout):
		t.Fatalf("timed out after %s waiting for %s", timeout, what)
	}
	var zero T
	return zero
}

// until waits for ch to be closed, or returns ctx's error.
func until(ctx context.Context, ch <-chan struct{}) error {
	select {
	case <-ch:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// WaitForBacklog polls src until its backlog is want, failing t when
// timeout passes first. A relay deletes what it published a moment after
// publishing it.
func WaitForBacklog(ctx context.Context, t testing.TB, src outbox.Source, want int64, timeout time.Duration) {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for {
		n, err := src.Backlog(ctx)
		require.NoError(t, err)
		if n == want {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("backlog is %d, want %d after %s", n, want, timeout)
		}
		time.Sleep(10 * time.Millisecond)
	}
}
