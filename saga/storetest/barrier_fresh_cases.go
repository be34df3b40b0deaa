package storetest

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/saga"
	"github.com/streamsaga/streamsaga/saga/barrier"
)

// freshCreator returns the barrier store of s as a barrier.FreshCreator,
// skipping t for a store that has none.
func freshCreator(t *testing.T, s Stores) barrier.FreshCreator {
	fc, ok := s.Barrier.(barrier.FreshCreator)
	if !ok {
		t.Skip("this barrier store has no CreateFresh")
	}
	return fc
}

// createFresh runs CreateFresh for keys, then one more statement of the
// transaction (the next round trip, which a store may send the insert
// with), and commits.
func createFresh(ctx context.Context, t *testing.T, h Harness, keys []barrier.Key, messageID string) error {
	return h.InTx(ctx, func(ctx context.Context, s Stores) error {
		if err := freshCreator(t, s).CreateFresh(ctx, keys); err != nil {
			return err
		}
		_, err := s.Inbox.MarkProcessed(ctx, "fresh-barriers", messageID)
		return err
	})
}

// barrierCreateFresh: new records start empty and locked as LockBarriers
// would have made them; a key with a record fails the transaction with
// saga.ErrConflict and nothing of it is kept, neither its other records
// nor what travelled with it.
func barrierCreateFresh(t *testing.T, h Harness) {
	ctx, a, b := testContext(t), uuid.NewString(), uuid.NewString()
	keys := []barrier.Key{{SagaID: a, Step: "reserve"}, {SagaID: b, Step: "reserve"}}
	require.NoError(t, createFresh(ctx, t, h, keys, uuid.NewString()))
	recs := lockBarriers(ctx, t, h, keys)
	require.Equal(t, barrier.Empty(keys[0]), recs[keys[0]])
	require.Equal(t, barrier.Empty(keys[1]), recs[keys[1]])

	done := barrier.Record{SagaID: a, Step: "pay", Action: barrier.ActionSucceeded, ReplyType: "Paid"}
	saveBarrier(ctx, t, h, done)
	fresh, msg := barrier.Key{SagaID: b, Step: "pay"}, uuid.NewString()
	err := createFresh(ctx, t, h, []barrier.Key{fresh, done.Key()}, msg)
	require.ErrorIs(t, err, saga.ErrConflict, "a key with a record")
	require.Equal(t, done, lockBarrier(ctx, t, h, a, "pay"), "the existing record is unchanged")
	require.NoError(t, createFresh(ctx, t, h, []barrier.Key{fresh}, msg),
		"neither the other key's record nor the inbox row of the failed transaction was kept")
	require.ErrorIs(t, createFresh(ctx, t, h, keys[:1], uuid.NewString()), saga.ErrConflict,
		"a record created fresh exists afterwards")
}

// barrierCreateFreshWaits: a record another transaction is creating makes
// CreateFresh wait for that transaction; once it commits, the second fails
// with saga.ErrConflict.
func barrierCreateFreshWaits(t *testing.T, h Harness) {
	skipIfSerial(t, h, "a second writer waiting for the first")
	ctx, key := testContext(t), barrier.Key{SagaID: uuid.NewString(), Step: "reserve"}
	created, release, firstDone := make(chan struct{}), make(chan struct{}), make(chan error, 1)
	go func() {
		firstDone <- h.InTx(ctx, func(ctx context.Context, s Stores) error {
			if err := freshCreator(t, s).CreateFresh(ctx, []barrier.Key{key}); err != nil {
				return err
			}
			if _, err := s.Inbox.MarkProcessed(ctx, "fresh-barriers", uuid.NewString()); err != nil {
				return err
			}
			close(created)
			return until(ctx, release)
		})
	}()
	receive(t, created, signalTimeout, "the first creation")
	second := make(chan error, 1)
	go func() { second <- createFresh(ctx, t, h, []barrier.Key{key}, uuid.NewString()) }()
	requireBlocked(t, second, 200*time.Millisecond)
	close(release)
	require.NoError(t, receive(t, firstDone, signalTimeout, "the first transaction"))
	err := receive(t, second, signalTimeout, "the second creation")
	require.True(t, errors.Is(err, saga.ErrConflict), "the second creation: %v", err)
}
