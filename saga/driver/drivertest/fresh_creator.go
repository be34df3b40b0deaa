package drivertest

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/saga"
	"github.com/streamsaga/streamsaga/saga/driver"
)

// testFreshCreator: a Tx that is a driver.FreshCreator stores new sagas as
// CreateSagas does, and a transaction in which one of the ids exists fails
// with saga.ErrDuplicate and keeps nothing, neither the other new saga nor
// the history written with it; one that is not is skipped.
func testFreshCreator(t *testing.T, st driver.Store) {
	a, b, c := newInstance(t), newInstance(t), newInstance(t)
	creator := false
	require.NoError(t, st.InTx(ctx, func(ctx context.Context, tx driver.Tx) error {
		fc, ok := tx.(driver.FreshCreator)
		if !ok {
			return nil
		}
		creator = true
		return fc.CreateFreshSagas(ctx, []*saga.Instance{a, b})
	}))
	if !creator {
		t.Skip("the driver's transactions are not a driver.FreshCreator")
	}
	for _, in := range []*saga.Instance{a, b} {
		got := load(t, st, in.ID)
		require.Equal(t, in.Steps, got.Steps)
		require.JSONEq(t, string(in.Data), string(got.Data))
		require.Equal(t, int64(1), got.Version)
	}

	a.State = saga.StateCompensating
	err := st.InTx(ctx, func(ctx context.Context, tx driver.Tx) error {
		if err := tx.(driver.FreshCreator).CreateFreshSagas(ctx, []*saga.Instance{c, a}); err != nil {
			return err
		}
		return tx.AppendHistory(ctx, c.ID, []saga.HistoryEntry{{At: now(), Kind: "started"}})
	})
	require.ErrorIs(t, err, saga.ErrDuplicate)
	require.Equal(t, saga.StateRunning, load(t, st, a.ID).State, "the existing saga is left as it was")
	_, err = st.GetSaga(ctx, c.ID)
	require.ErrorIs(t, err, saga.ErrNotFound, "the new saga that travelled with the existing one is not kept")
	hist, err := st.History(ctx, c.ID)
	require.NoError(t, err)
	require.Empty(t, hist, "nor its history")
}
