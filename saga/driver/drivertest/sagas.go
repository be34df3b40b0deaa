package drivertest

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/saga"
	"github.com/streamsaga/streamsaga/saga/driver"
)

func create(t *testing.T, st driver.Store, inst *saga.Instance) {
	t.Helper()
	require.NoError(t, st.InTx(ctx, func(ctx context.Context, tx driver.Tx) error { return tx.CreateSaga(ctx, inst) }))
}

func load(t *testing.T, st driver.Store, id string) *saga.Instance {
	t.Helper()
	var inst *saga.Instance
	require.NoError(t, st.InTx(ctx, func(ctx context.Context, tx driver.Tx) (err error) {
		inst, err = tx.LoadSaga(ctx, id)
		return err
	}))
	return inst
}

func testSagaVersionCheck(t *testing.T, st driver.Store) {
	inst := newInstance(t)
	create(t, st, inst)
	a, b := load(t, st, inst.ID), load(t, st, inst.ID)
	require.Equal(t, inst.Steps, a.Steps)
	require.Equal(t, int64(1), a.Version)

	a.State, a.Failure = saga.StateCompensating, "declined"
	require.NoError(t, st.InTx(ctx, func(ctx context.Context, tx driver.Tx) error { return tx.SaveSaga(ctx, a) }))
	require.Equal(t, int64(2), a.Version)

	b.State = saga.StateCompleted
	done := now()
	b.CompletedAt = &done
	err := st.InTx(ctx, func(ctx context.Context, tx driver.Tx) error { return tx.SaveSaga(ctx, b) })
	require.ErrorIs(t, err, saga.ErrConflict)

	got, err := st.GetSaga(ctx, inst.ID)
	require.NoError(t, err)
	require.Equal(t, saga.StateCompensating, got.State)
	require.Equal(t, "declined", got.Failure)
	require.Equal(t, int64(2), got.Version)
	require.Nil(t, got.CompletedAt)
}

func testSagaCreateTwice(t *testing.T, st driver.Store) {
	inst := newInstance(t)
	create(t, st, inst)
	err := st.InTx(ctx, func(ctx context.Context, tx driver.Tx) error { return tx.CreateSaga(ctx, inst) })
	require.ErrorIs(t, err, saga.ErrDuplicate)
}

func testHistory(t *testing.T, st driver.Store) {
	inst := newInstance(t)
	create(t, st, inst)
	at := now()
	entries := []saga.HistoryEntry{
		{At: at, Kind: saga.HistoryStarted, Detail: "go"},
		{At: at, Kind: saga.HistoryCommandSent, Step: "s", MessageType: "T", MessageID: saga.NewID()},
	}
	for range 2 {
		require.NoError(t, st.InTx(ctx, func(ctx context.Context, tx driver.Tx) error {
			return tx.AppendHistory(ctx, inst.ID, entries)
		}))
	}
	got, err := st.History(ctx, inst.ID)
	require.NoError(t, err)
	require.Len(t, got, 4)
	require.Equal(t, saga.HistoryStarted, got[0].Kind)
	require.Equal(t, entries[1].MessageID, got[1].MessageID)
	require.True(t, at.Equal(got[1].At))
	empty, err := st.History(ctx, saga.NewID())
	require.NoError(t, err)
	require.Empty(t, empty)
}

func testList(t *testing.T, st driver.Store) {
	base := now().Add(-time.Hour)
	var ids []string
	for i := range 5 {
		inst := newInstance(t)
		inst.CreatedAt = base.Add(time.Duration(i) * time.Second)
		if i%2 == 1 {
			inst.State, inst.CompletedAt = saga.StateCompensated, &inst.CreatedAt
		}
		create(t, st, inst)
		ids = append(ids, inst.ID)
	}
	page, err := st.ListSagas(ctx, driver.ListQuery{Limit: 2})
	require.NoError(t, err)
	require.Equal(t, []string{ids[4], ids[3]}, sagaIDs(page))
	last := page[1]
	page, err = st.ListSagas(ctx, driver.ListQuery{Limit: 10, After: &driver.Cursor{CreatedAt: last.CreatedAt, ID: last.ID}})
	require.NoError(t, err)
	require.Equal(t, []string{ids[2], ids[1], ids[0]}, sagaIDs(page))
	page, err = st.ListSagas(ctx, driver.ListQuery{Limit: 10, State: saga.StateCompensated})
	require.NoError(t, err)
	require.Equal(t, []string{ids[3], ids[1]}, sagaIDs(page))
}

func sagaIDs(in []*saga.Instance) []string {
	out := make([]string, len(in))
	for i, s := range in {
		out[i] = s.ID
	}
	return out
}
