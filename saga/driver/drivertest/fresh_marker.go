package drivertest

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/saga"
	"github.com/streamsaga/streamsaga/saga/driver"
)

// testFreshMarker: a Tx that is a driver.FreshMarker records new messages,
// and a transaction in which one of them was recorded before fails with
// saga.ErrConflict and keeps nothing, the saga save that travelled with it
// included; one that is not is skipped.
func testFreshMarker(t *testing.T, st driver.Store) {
	a := newInstance(t)
	create(t, st, a)
	seen, fresh, other := saga.NewID(), saga.NewID(), saga.NewID()
	marker := false
	require.NoError(t, st.InTx(ctx, func(ctx context.Context, tx driver.Tx) error {
		fm, ok := tx.(driver.FreshMarker)
		if !ok {
			return nil
		}
		marker = true
		return fm.MarkFresh(ctx, "runner", []string{seen})
	}))
	if !marker {
		t.Skip("the driver's transactions are not a driver.FreshMarker")
	}

	err := st.InTx(ctx, func(ctx context.Context, tx driver.Tx) error {
		if err := tx.(driver.FreshMarker).MarkFresh(ctx, "runner", []string{fresh, seen}); err != nil {
			return err
		}
		a.State = saga.StateCompensating
		return tx.SaveSaga(ctx, a)
	})
	require.ErrorIs(t, err, saga.ErrConflict)
	kept := load(t, st, a.ID)
	require.Equal(t, int64(1), kept.Version, "the save that travelled with the failed check is not kept")
	require.Equal(t, saga.StateRunning, kept.State)

	// fresh was not kept either: it is new to a later transaction, as is
	// other; seen is not.
	require.NoError(t, st.InTx(ctx, func(ctx context.Context, tx driver.Tx) error {
		return tx.(driver.FreshMarker).MarkFresh(ctx, "runner", []string{fresh, other})
	}))
	require.NoError(t, st.InTx(ctx, func(ctx context.Context, tx driver.Tx) error {
		first, err := tx.MarkProcessedMany(ctx, "runner", []string{seen, fresh, other})
		require.Empty(t, first)
		return err
	}))
	// Another consumer has an inbox of its own.
	require.NoError(t, st.InTx(ctx, func(ctx context.Context, tx driver.Tx) error {
		return tx.(driver.FreshMarker).MarkFresh(ctx, "other", []string{seen})
	}))
}
