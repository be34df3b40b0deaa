package drivertest

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/saga"
	"github.com/streamsaga/streamsaga/saga/driver"
)

func testManySagas(t *testing.T, st driver.Store) {
	a, b := newInstance(t), newInstance(t)
	create(t, st, a)
	require.NoError(t, st.InTx(ctx, func(ctx context.Context, tx driver.Tx) error {
		created, err := tx.CreateSagas(ctx, []*saga.Instance{a, b})
		require.NoError(t, err)
		require.Equal(t, map[string]bool{b.ID: true}, created, "an existing saga is left alone")
		return nil
	}))
	var loaded map[string]*saga.Instance
	require.NoError(t, st.InTx(ctx, func(ctx context.Context, tx driver.Tx) (err error) {
		loaded, err = tx.LoadSagas(ctx, []string{a.ID, b.ID, saga.NewID()})
		return err
	}))
	require.Len(t, loaded, 2)
	require.Equal(t, a.Steps, loaded[a.ID].Steps)

	la, lb := loaded[a.ID], loaded[b.ID]
	la.State, la.Failure = saga.StateCompensating, "x"
	lb.State, lb.Failure = saga.StateCompensating, "y"
	at := now()
	require.NoError(t, st.InTx(ctx, func(ctx context.Context, tx driver.Tx) error {
		if err := tx.SaveSagas(ctx, []*saga.Instance{la, lb}); err != nil {
			return err
		}
		return tx.AppendHistories(ctx, map[string][]saga.HistoryEntry{
			a.ID: {{At: at, Kind: "one"}, {At: at, Kind: "two"}}, b.ID: {{At: at, Kind: "three"}},
		})
	}))
	require.Equal(t, int64(2), la.Version)
	got, err := st.GetSaga(ctx, b.ID)
	require.NoError(t, err)
	require.Equal(t, "y", got.Failure)
	hist, err := st.History(ctx, a.ID)
	require.NoError(t, err)
	require.Equal(t, []string{"one", "two"}, []string{hist[0].Kind, hist[1].Kind})

	stale := *lb
	stale.Version = 1
	err = st.InTx(ctx, func(ctx context.Context, tx driver.Tx) error {
		return tx.SaveSagas(ctx, []*saga.Instance{la, &stale})
	})
	require.ErrorIs(t, err, saga.ErrConflict, "one stale version fails the whole save")
	got, err = st.GetSaga(ctx, a.ID)
	require.NoError(t, err)
	require.Equal(t, int64(2), got.Version, "and nothing of it is kept")
}
