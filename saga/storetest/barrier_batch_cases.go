package storetest

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/saga"
	"github.com/streamsaga/streamsaga/saga/barrier"
)

func lockBarriers(ctx context.Context, t *testing.T, h Harness, keys []barrier.Key) map[barrier.Key]barrier.Record {
	t.Helper()
	var recs map[barrier.Key]barrier.Record
	err := h.InTx(ctx, func(ctx context.Context, s Stores) error {
		var err error
		recs, err = s.Barrier.LockBarriers(ctx, keys)
		return err
	})
	require.NoError(t, err)
	return recs
}

// barrierBatchLock: one call returns every key once, existing records as
// saved and empty ones for the rest, whatever the order and repeats.
func barrierBatchLock(t *testing.T, h Harness) {
	ctx, a, b := testContext(t), uuid.NewString(), uuid.NewString()
	done := barrier.Record{SagaID: b, Step: "pay", Action: barrier.ActionSucceeded, ReplyType: "Paid",
		ReplyData: []byte(`{"amount":5}`)}
	saveBarrier(ctx, t, h, done)
	keys := []barrier.Key{{SagaID: b, Step: "pay"}, {SagaID: a, Step: "reserve"}, {SagaID: a, Step: "reserve"},
		{SagaID: a, Step: "pay"}}
	recs := lockBarriers(ctx, t, h, keys)
	require.Len(t, recs, 3)
	require.Equal(t, done, recs[done.Key()])
	require.Equal(t, barrier.Empty(keys[1]), recs[keys[1]])
	require.Equal(t, barrier.Empty(keys[3]), recs[keys[3]])
	require.Empty(t, lockBarriers(ctx, t, h, nil), "no keys, no records")
}

// barrierBatchSave: many records in one call; of two with one key the
// later is kept.
func barrierBatchSave(t *testing.T, h Harness) {
	ctx, a, b := testContext(t), uuid.NewString(), uuid.NewString()
	keys := []barrier.Key{{SagaID: a, Step: "reserve"}, {SagaID: b, Step: "reserve"}}
	first := barrier.Record{SagaID: a, Step: "reserve", Action: barrier.ActionSucceeded, ReplyType: "Reserved"}
	later := first
	later.Compensated, later.ReplyType = true, "Released"
	other := barrier.Record{SagaID: b, Step: "reserve", Action: barrier.ActionFailed, ReplyError: "no stock"}
	err := h.InTx(ctx, func(ctx context.Context, s Stores) error {
		if _, err := s.Barrier.LockBarriers(ctx, keys); err != nil {
			return err
		}
		return s.Barrier.SaveBarriers(ctx, []barrier.Record{first, other, later})
	})
	require.NoError(t, err)
	recs := lockBarriers(ctx, t, h, keys)
	require.Equal(t, later, recs[keys[0]])
	require.Equal(t, other, recs[keys[1]])
}

// barrierSaveWithoutRecord: saving a record nobody locked fails with
// saga.ErrNotFound and changes nothing.
func barrierSaveWithoutRecord(t *testing.T, h Harness) {
	ctx, sagaID := testContext(t), uuid.NewString()
	err := h.InTx(ctx, func(ctx context.Context, s Stores) error {
		return s.Barrier.SaveBarriers(ctx, []barrier.Record{{SagaID: sagaID, Step: "reserve",
			Action: barrier.ActionSucceeded}})
	})
	require.ErrorIs(t, err, saga.ErrNotFound)
	require.Equal(t, emptyRecord(sagaID, "reserve"), lockBarrier(ctx, t, h, sagaID, "reserve"))
}

// barrierOpposedBatches: batches naming the same steps in opposite orders,
// many at once, all commit: locks are taken in one order whatever the
// order of the keys.
func barrierOpposedBatches(t *testing.T, h Harness) {
	ctx := testContext(t)
	keys := make([]barrier.Key, 8)
	for i := range keys {
		keys[i] = barrier.Key{SagaID: uuid.NewString(), Step: "reserve"}
	}
	reversed := make([]barrier.Key, len(keys))
	for i, k := range keys {
		reversed[len(keys)-1-i] = k
	}
	const workers = 6
	errs := make(chan error, workers)
	for w := range workers {
		order := keys
		if w%2 == 1 {
			order = reversed
		}
		go func() { errs <- lockAndHold(ctx, h, order, w) }()
	}
	for range workers {
		require.NoError(t, receive(t, errs, signalTimeout, "a batch"))
	}
	recs := lockBarriers(ctx, t, h, keys)
	for _, k := range keys {
		require.Equal(t, barrier.ActionSucceeded, recs[k].Action)
	}
}

func lockAndHold(ctx context.Context, h Harness, keys []barrier.Key, w int) error {
	return h.InTx(ctx, func(ctx context.Context, s Stores) error {
		recs, err := s.Barrier.LockBarriers(ctx, keys)
		if err != nil {
			return err
		}
		time.Sleep(5 * time.Millisecond)
		out := make([]barrier.Record, 0, len(recs))
		for _, r := range recs {
			r.Action, r.ReplyType = barrier.ActionSucceeded, fmt.Sprintf("worker %d", w)
			out = append(out, r)
		}
		return s.Barrier.SaveBarriers(ctx, out)
	})
}
