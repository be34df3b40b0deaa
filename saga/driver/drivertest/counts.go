package drivertest

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/saga"
	"github.com/streamsaga/streamsaga/saga/driver"
)

// createInState stores n new sagas in state; terminal ones get a
// completion time, as the runner would set.
func createInState(t *testing.T, st driver.Store, state saga.State, n int) []*saga.Instance {
	t.Helper()
	out := make([]*saga.Instance, n)
	for i := range out {
		inst := newInstance(t)
		inst.State = state
		if state.Terminal() {
			inst.CompletedAt = &inst.CreatedAt
		}
		create(t, st, inst)
		out[i] = inst
	}
	return out
}

func testCountByState(t *testing.T, st driver.Store) {
	want := map[saga.State]int64{}
	for _, s := range saga.States {
		want[s] = 0
	}
	got, err := st.CountSagasByState(ctx)
	require.NoError(t, err)
	require.Equal(t, want, got, "an empty store has every state, at zero")

	running := createInState(t, st, saga.StateRunning, 3)
	createInState(t, st, saga.StateCompensated, 2)
	createInState(t, st, saga.StateFailed, 1)
	want[saga.StateRunning], want[saga.StateCompensated], want[saga.StateFailed] = 3, 2, 1
	got, err = st.CountSagasByState(ctx)
	require.NoError(t, err)
	require.Equal(t, want, got)

	done := load(t, st, running[0].ID)
	done.State, done.CompletedAt = saga.StateCompleted, &done.UpdatedAt
	require.NoError(t, st.InTx(ctx, func(ctx context.Context, tx driver.Tx) error { return tx.SaveSaga(ctx, done) }))
	want[saga.StateRunning], want[saga.StateCompleted] = 2, 1
	got, err = st.CountSagasByState(ctx)
	require.NoError(t, err)
	require.Equal(t, want, got, "a saved state change moves the saga to its new state's count")
}
