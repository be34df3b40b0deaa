package storetest

import (
	"context"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/saga/barrier"
	"github.com/streamsaga/streamsaga/saga/retention"
)

// BarrierRetention is what the harness of RunBarrier also gives: the
// barrier retention's delete over the store.
type BarrierRetention interface {
	BarrierPruner() retention.DeleteFunc
}

// barrierPruner is h's barrier retention delete; the case fails without.
func barrierPruner(t *testing.T, h Harness) retention.DeleteFunc {
	t.Helper()
	r, ok := h.(BarrierRetention)
	require.True(t, ok, "the harness of the barrier suite gives its BarrierPruner")
	return r.BarrierPruner()
}

// savedRecords saves a succeeded action for each step of a new saga and
// returns the records.
func savedRecords(ctx context.Context, t *testing.T, h Harness, steps ...string) []barrier.Record {
	t.Helper()
	sagaID := uuid.NewString()
	recs := make([]barrier.Record, len(steps))
	for i, step := range steps {
		recs[i] = barrier.Record{SagaID: sagaID, Step: step, Action: barrier.ActionSucceeded,
			ReplyType: "Done", ReplyData: []byte(`{"step":"` + step + `"}`)}
		saveBarrier(ctx, t, h, recs[i])
	}
	return recs
}

// barrierRetentionPrunesOldRecords: records last written before the
// cut-off go, oldest first and at most a batch per call; later ones stay
// as they were. A record created but never saved is as old as its
// creation.
func barrierRetentionPrunesOldRecords(t *testing.T, h Harness) {
	ctx, prune := testContext(t), barrierPruner(t, h)
	old := savedRecords(ctx, t, h, "reserve", "pay")
	lockBarrier(ctx, t, h, uuid.NewString(), "ship") // created, never saved
	cutoff := between(t)
	recent := savedRecords(ctx, t, h, "reserve", "pay")
	lockBarrier(ctx, t, h, uuid.NewString(), "ship")

	for i, want := range []int64{2, 1, 0} {
		n, err := prune(ctx, cutoff, 2)
		require.NoError(t, err)
		require.Equal(t, want, n, "call %d: two full batches' worth, then a short one, then none", i)
	}
	for _, r := range old {
		require.Equal(t, emptyRecord(r.SagaID, r.Step), lockBarrier(ctx, t, h, r.SagaID, r.Step), "an old record is gone")
	}
	for _, r := range recent {
		require.Equal(t, r, lockBarrier(ctx, t, h, r.SagaID, r.Step), "a recent record stays")
	}
	_, err := prune(ctx, cutoff, 0)
	require.Error(t, err, "a batch below 1")
}

// between returns a time after everything written so far and before
// anything written next, on the clock the store stamps records with.
func between(t *testing.T) time.Time {
	t.Helper()
	time.Sleep(2 * time.Millisecond)
	at := time.Now()
	time.Sleep(2 * time.Millisecond)
	return at
}
