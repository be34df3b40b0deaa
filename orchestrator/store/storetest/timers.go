package storetest

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/orchestrator/store"
	"github.com/streamsaga/streamsaga/saga"
)

func testClaimDue(t *testing.T, st store.Store) {
	inst := newInstance(t) // its first step has a deadline
	create(t, st, inst)
	done := newInstance(t)
	done.State, done.CompletedAt = saga.StateCompensated, &done.CreatedAt
	create(t, st, done)
	deadline := *inst.NextDeadline()

	claim := func(tx store.Tx, at time.Time) []string {
		ids, err := tx.ClaimDueSagas(ctx, at, 10)
		require.NoError(t, err)
		return ids
	}
	require.NoError(t, st.InTx(ctx, func(ctx context.Context, tx store.Tx) error {
		require.Empty(t, claim(tx, deadline.Add(-time.Second)), "not due yet")
		require.Equal(t, []string{inst.ID}, claim(tx, deadline), "finished sagas never come due")
		// While this transaction holds the saga, another one skips it.
		require.NoError(t, st.InTx(ctx, func(ctx context.Context, other store.Tx) error {
			require.Empty(t, claim(other, deadline.Add(time.Hour)))
			return nil
		}))
		return nil
	}))

	loaded := load(t, st, inst.ID)
	loaded.State, loaded.CompletedAt = saga.StateCompleted, &deadline
	require.NoError(t, st.InTx(ctx, func(ctx context.Context, tx store.Tx) error { return tx.SaveSaga(ctx, loaded) }))
	require.NoError(t, st.InTx(ctx, func(ctx context.Context, tx store.Tx) error {
		require.Empty(t, claim(tx, deadline.Add(time.Hour)), "saving a finished saga clears its deadline")
		return nil
	}))
}

func testClaimStalled(t *testing.T, st store.Store) {
	old := newOrder("")
	old.CreatedAt = old.CreatedAt.Add(-time.Minute)
	old.UpdatedAt = old.CreatedAt
	insert(t, st, old)
	fresh := newOrder("")
	insert(t, st, fresh)
	started := newOrder("")
	started.CreatedAt, started.UpdatedAt = old.CreatedAt, old.UpdatedAt
	insert(t, st, started)
	inst := newInstance(t)
	inst.ID = started.SagaID
	create(t, st, inst)

	cutoff := now().Add(-30 * time.Second)
	require.NoError(t, st.InTx(ctx, func(ctx context.Context, tx store.Tx) error {
		got, err := tx.ClaimStalledOrders(ctx, cutoff, 10)
		require.NoError(t, err)
		require.Len(t, got, 1, "only the old order without a saga")
		require.Equal(t, old.ID, got[0].ID)
		require.NoError(t, st.InTx(ctx, func(ctx context.Context, other store.Tx) error {
			again, err := other.ClaimStalledOrders(ctx, cutoff, 10)
			require.NoError(t, err)
			require.Empty(t, again, "locked by the first transaction")
			return nil
		}))
		return tx.TouchOrder(ctx, old.ID, now())
	}))
	require.NoError(t, st.InTx(ctx, func(ctx context.Context, tx store.Tx) error {
		got, err := tx.ClaimStalledOrders(ctx, cutoff, 10)
		require.NoError(t, err)
		require.Empty(t, got, "touched orders wait another stall period")
		return nil
	}))
}
