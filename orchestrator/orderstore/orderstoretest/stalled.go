package orderstoretest

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/orchestrator/orderstore"
)

// meanwhile starts claim in another transaction while the caller's
// transaction holds its claims. A driver with row locks skips what the
// caller holds; one with a database lock waits for the caller to commit.
// Either way the other transaction must not get what the caller acted on.
func meanwhile[T any](s Stores, claim func(ctx context.Context, tx orderstore.Tx) (T, error)) func(t *testing.T) T {
	type result struct {
		v   T
		err error
	}
	got := make(chan result, 1)
	go func() {
		var r result
		r.err = s.inTx(ctx, func(ctx context.Context, tx orderstore.Tx) (err error) {
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

func testClaimStalled(t *testing.T, s Stores) {
	old := newOrder("")
	old.CreatedAt = old.CreatedAt.Add(-time.Minute)
	old.UpdatedAt = old.CreatedAt
	insert(t, s, old)
	fresh := newOrder("")
	insert(t, s, fresh)
	started := newOrder("")
	started.CreatedAt, started.UpdatedAt = old.CreatedAt, old.UpdatedAt
	insert(t, s, started)
	inst := newInstance(t)
	inst.ID = started.SagaID
	create(t, s, inst)

	cutoff := now().Add(-30 * time.Second)
	var other func(*testing.T) []orderstore.Order
	require.NoError(t, s.inTx(ctx, func(ctx context.Context, tx orderstore.Tx) error {
		got, err := tx.ClaimStalledOrders(ctx, cutoff, 10)
		require.NoError(t, err)
		require.Len(t, got, 1, "only the old order without a saga")
		require.Equal(t, old.ID, got[0].ID)
		other = meanwhile(s, func(ctx context.Context, tx orderstore.Tx) ([]orderstore.Order, error) {
			return tx.ClaimStalledOrders(ctx, cutoff, 10)
		})
		if !s.Serial {
			require.Empty(t, other(t), "another transaction skips the held order without waiting")
		}
		_, err = tx.NoteResend(ctx, old.ID, now())
		return err
	}))
	if s.Serial {
		require.Empty(t, other(t), "an order one transaction holds is never claimed by another")
	}
	require.NoError(t, s.inTx(ctx, func(ctx context.Context, tx orderstore.Tx) error {
		got, err := tx.ClaimStalledOrders(ctx, cutoff, 10)
		require.NoError(t, err)
		require.Empty(t, got, "touched orders wait another stall period")
		return nil
	}))
}
