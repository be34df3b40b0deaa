package storetest

import (
	"context"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/saga/barrier"
)

// RunBarrier runs the barrier suite. Its harness also implements
// BarrierRetention.
func RunBarrier(t *testing.T, newHarness NewHarness) {
	runCases(t, newHarness, []testCase{
		{"FirstLockIsEmpty", barrierFirstLockIsEmpty},
		{"SaveThenReload", barrierSaveThenReload},
		{"LocksSerialiseOnNewRecord", func(t *testing.T, h Harness) { barrierLocksSerialise(t, h, false) }},
		{"LocksSerialiseOnExistingRecord", func(t *testing.T, h Harness) { barrierLocksSerialise(t, h, true) }},
		{"BatchLockMixesNewAndExisting", barrierBatchLock},
		{"BatchSaveLastWins", barrierBatchSave},
		{"SaveWithoutRecordIsNotFound", barrierSaveWithoutRecord},
		{"OpposedBatchesDoNotDeadlock", barrierOpposedBatches},
		{"CreateFresh", barrierCreateFresh},
		{"CreateFreshWaitsForCreator", barrierCreateFreshWaits},
		{"RetentionPrunesOldRecords", barrierRetentionPrunesOldRecords},
	})
}

// lockBarrier locks and returns a record in a committed transaction.
func lockBarrier(ctx context.Context, t *testing.T, h Harness, sagaID, step string) barrier.Record {
	t.Helper()
	r, err := tryLockBarrier(ctx, h, sagaID, step)
	require.NoError(t, err)
	return r
}

func tryLockBarrier(ctx context.Context, h Harness, sagaID, step string) (barrier.Record, error) {
	var r barrier.Record
	err := h.InTx(ctx, func(ctx context.Context, s Stores) error {
		var err error
		r, err = barrier.Lock(ctx, s.Barrier, barrier.Key{SagaID: sagaID, Step: step})
		return err
	})
	return r, err
}

// saveBarrier locks r's record and saves r in one transaction.
func saveBarrier(ctx context.Context, t *testing.T, h Harness, r barrier.Record) {
	t.Helper()
	err := h.InTx(ctx, func(ctx context.Context, s Stores) error {
		if _, err := barrier.Lock(ctx, s.Barrier, r.Key()); err != nil {
			return err
		}
		return s.Barrier.SaveBarriers(ctx, []barrier.Record{r})
	})
	require.NoError(t, err)
}

func emptyRecord(sagaID, step string) barrier.Record {
	return barrier.Record{SagaID: sagaID, Step: step, Action: barrier.ActionNone}
}

func barrierFirstLockIsEmpty(t *testing.T, h Harness) {
	ctx, sagaID := testContext(t), uuid.NewString()
	require.Equal(t, emptyRecord(sagaID, "reserve"), lockBarrier(ctx, t, h, sagaID, "reserve"))
	require.Equal(t, emptyRecord(sagaID, "reserve"), lockBarrier(ctx, t, h, sagaID, "reserve"), "locked again")
}

func barrierSaveThenReload(t *testing.T, h Harness) {
	ctx, sagaID := testContext(t), uuid.NewString()
	done := barrier.Record{SagaID: sagaID, Step: "reserve", Action: barrier.ActionSucceeded,
		ReplyType: "InventoryReserved", ReplyData: []byte(`{"items":2}`)}
	saveBarrier(ctx, t, h, done)
	require.Equal(t, done, lockBarrier(ctx, t, h, sagaID, "reserve"))

	undone := barrier.Record{SagaID: sagaID, Step: "reserve", Action: barrier.ActionFailed,
		Compensated: true, ReplyType: "InventoryReservationFailed", ReplyError: "out of stock"}
	saveBarrier(ctx, t, h, undone)
	require.Equal(t, undone, lockBarrier(ctx, t, h, sagaID, "reserve"))
	require.Equal(t, emptyRecord(sagaID, "pay"), lockBarrier(ctx, t, h, sagaID, "pay"), "other step")
}

// barrierLocksSerialise: a second transaction locking the same step waits
// for the first to commit and then sees what the first saved.
func barrierLocksSerialise(t *testing.T, h Harness, existing bool) {
	ctx, sagaID := testContext(t), uuid.NewString()
	if existing {
		lockBarrier(ctx, t, h, sagaID, "reserve")
	}
	locked, release, firstDone := make(chan struct{}), make(chan struct{}), make(chan error, 1)
	go func() {
		firstDone <- h.InTx(ctx, func(ctx context.Context, s Stores) error {
			r, err := barrier.Lock(ctx, s.Barrier, barrier.Key{SagaID: sagaID, Step: "reserve"})
			if err != nil {
				return err
			}
			close(locked)
			if err := until(ctx, release); err != nil {
				return err
			}
			r.Action, r.ReplyType = barrier.ActionSucceeded, "InventoryReserved"
			return s.Barrier.SaveBarriers(ctx, []barrier.Record{r})
		})
	}()
	receive(t, locked, signalTimeout, "the first lock")
	second := make(chan lockResult, 1)
	go func() {
		r, err := tryLockBarrier(ctx, h, sagaID, "reserve")
		second <- lockResult{r, err}
	}()
	requireBlocked(t, second, 200*time.Millisecond)

	close(release)
	require.NoError(t, receive(t, firstDone, signalTimeout, "the first transaction"))
	got := receive(t, second, signalTimeout, "the second lock")
	require.NoError(t, got.err)
	require.Equal(t, barrier.ActionSucceeded, got.r.Action, "the second sees the first's write")
	require.Equal(t, "InventoryReserved", got.r.ReplyType)
}

type lockResult struct {
	r   barrier.Record
	err error
}

// requireBlocked checks that nothing arrives on ch for a while.
func requireBlocked[T any](t *testing.T, ch <-chan T, window time.Duration) {
	t.Helper()
	select {
	case v := <-ch:
		t.Fatalf("did not wait for the first transaction: got %+v", v)
	case <-time.After(window):
	}
}
