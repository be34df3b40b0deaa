package drivertest

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/saga"
	"github.com/streamsaga/streamsaga/saga/driver"
)

// finishedAt stores a saga in state that finished at (unfinished states
// get no completion time), with two history lines.
func finishedAt(t *testing.T, st driver.Store, state saga.State, at time.Time) *saga.Instance {
	t.Helper()
	inst := newInstance(t)
	inst.State = state
	if state.Terminal() {
		inst.CompletedAt, inst.UpdatedAt = &at, at
	}
	inTx(t, st, func(ctx context.Context, tx driver.Tx) error {
		if err := tx.CreateSaga(ctx, inst); err != nil {
			return err
		}
		return tx.AppendHistory(ctx, inst.ID, []saga.HistoryEntry{
			{At: inst.CreatedAt, Kind: saga.HistoryStarted}, {At: at, Kind: saga.HistoryStateChanged}})
	})
	return inst
}

// requirePurged checks that each saga is gone with its history (purged)
// or still there with all of it.
func requirePurged(t *testing.T, st driver.Store, purged bool, insts ...*saga.Instance) {
	t.Helper()
	for _, inst := range insts {
		_, err := st.GetSaga(ctx, inst.ID)
		hist, herr := st.History(ctx, inst.ID)
		require.NoError(t, herr)
		if purged {
			require.ErrorIs(t, err, saga.ErrNotFound, "saga %s (%s) is purged", inst.ID, inst.State)
			require.Empty(t, hist, "the history of saga %s goes with it", inst.ID)
			continue
		}
		require.NoError(t, err, "saga %s (%s) is kept", inst.ID, inst.State)
		require.Len(t, hist, 2, "saga %s keeps its history", inst.ID)
	}
}

// testPurgeSagas: COMPLETED and COMPENSATED sagas finished before the
// cut-off go with their history, oldest first, at most a batch per call;
// recent, unfinished, FAILED and parked sagas stay.
func testPurgeSagas(t *testing.T, st driver.Store) {
	cutoff := now().Add(-time.Hour)
	oldest := finishedAt(t, st, saga.StateCompensated, cutoff.Add(-72*time.Hour))
	older := finishedAt(t, st, saga.StateCompleted, cutoff.Add(-48*time.Hour))
	old := finishedAt(t, st, saga.StateCompleted, cutoff.Add(-time.Millisecond))
	kept := []*saga.Instance{
		finishedAt(t, st, saga.StateCompleted, cutoff.Add(time.Minute)),
		finishedAt(t, st, saga.StateFailed, cutoff.Add(-96*time.Hour)),
		finishedAt(t, st, saga.StateRunning, cutoff),
		finishedAt(t, st, saga.StateCompensating, cutoff),
	}
	parked := finishedAt(t, st, saga.StateCompleted, cutoff.Add(-96*time.Hour))
	inTx(t, st, func(ctx context.Context, tx driver.Tx) error {
		return tx.ParkSagas(ctx, []driver.Park{{SagaID: parked.ID, Reason: "unknown version"}}, now())
	})
	kept = append(kept, parked)

	n, err := st.PurgeSagas(ctx, cutoff, 2)
	require.NoError(t, err)
	require.EqualValues(t, 2, n, "a full batch")
	requirePurged(t, st, true, oldest, older)
	requirePurged(t, st, false, append(kept, old)...)

	n, err = st.PurgeSagas(ctx, cutoff, 2)
	require.NoError(t, err)
	require.EqualValues(t, 1, n, "a short batch: nothing older is left")
	requirePurged(t, st, true, old)
	n, err = st.PurgeSagas(ctx, cutoff, 2)
	require.NoError(t, err)
	require.Zero(t, n)
	requirePurged(t, st, false, kept...)

	_, err = st.PurgeSagas(ctx, cutoff, 0)
	require.ErrorIs(t, err, driver.ErrBadBatch)
}
