package drivertest

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/saga"
	"github.com/streamsaga/streamsaga/saga/driver"
)

// meanwhile starts claim in another transaction while the caller's
// transaction holds its claims. A driver with row locks skips what the
// caller holds; one with a database lock waits for the caller to commit.
// Either way the other transaction must not get what the caller acted on.
func meanwhile[T any](st driver.Store, claim func(ctx context.Context, tx driver.Tx) (T, error)) func(t *testing.T) T {
	type result struct {
		v   T
		err error
	}
	got := make(chan result, 1)
	go func() {
		var r result
		r.err = st.InTx(ctx, func(ctx context.Context, tx driver.Tx) (err error) {
			r.v, err = claim(ctx, tx)
			return err
		})
		got <- r
	}()
	return func(t *testing.T) T {
		r := <-got
		require.NoError(t, r.err)
		return r.v
	}
}

func testClaimDue(t *testing.T, st driver.Store) {
	inst := newInstance(t) // its first step has a deadline
	create(t, st, inst)
	done := newInstance(t)
	done.State, done.CompletedAt = saga.StateCompensated, &done.CreatedAt
	create(t, st, done)
	deadline := *inst.NextDeadline()

	claim := func(tx driver.Tx, at time.Time) []string {
		ids, err := tx.ClaimDueSagas(ctx, at, 10)
		require.NoError(t, err)
		return ids
	}
	var other func(*testing.T) []string
	require.NoError(t, st.InTx(ctx, func(ctx context.Context, tx driver.Tx) error {
		require.Empty(t, claim(tx, deadline.Add(-time.Second)), "not due yet")
		require.Equal(t, []string{inst.ID}, claim(tx, deadline), "finished sagas never come due")
		other = meanwhile(st, func(ctx context.Context, tx driver.Tx) ([]string, error) {
			return tx.ClaimDueSagas(ctx, deadline.Add(time.Hour), 10)
		})
		if !isSerial(st) {
			require.Empty(t, other(t), "another transaction skips the held saga without waiting")
		}
		loaded, err := tx.LoadSaga(ctx, inst.ID)
		require.NoError(t, err)
		loaded.State, loaded.CompletedAt = saga.StateCompleted, &deadline
		return tx.SaveSaga(ctx, loaded)
	}))
	if isSerial(st) {
		require.Empty(t, other(t), "a saga one transaction holds is never claimed by another")
	}
	require.NoError(t, st.InTx(ctx, func(ctx context.Context, tx driver.Tx) error {
		require.Empty(t, claim(tx, deadline.Add(time.Hour)), "saving a finished saga clears its deadline")
		return nil
	}))
}
