package drivertest

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/saga"
	"github.com/streamsaga/streamsaga/saga/driver"
)

// testIgnoredReplies: CountIgnoredReplies adds to each saga's count and
// returns the totals, leaving unknown sagas out; IgnoredReplies reads it.
func testIgnoredReplies(t *testing.T, st driver.Store) {
	a, b := newInstance(t), newInstance(t)
	create(t, st, a)
	create(t, st, b)
	n, err := st.IgnoredReplies(ctx, a.ID)
	require.NoError(t, err)
	require.Zero(t, n)
	count := func(counts map[string]int) (got map[string]int) {
		require.NoError(t, st.InTx(ctx, func(ctx context.Context, tx driver.Tx) (err error) {
			got, err = tx.CountIgnoredReplies(ctx, counts)
			return err
		}))
		return got
	}
	unknown := saga.NewID()
	require.Equal(t, map[string]int{a.ID: 3, b.ID: 1}, count(map[string]int{a.ID: 3, b.ID: 1, unknown: 4}))
	require.Equal(t, map[string]int{a.ID: 5}, count(map[string]int{a.ID: 2}))
	n, err = st.IgnoredReplies(ctx, a.ID)
	require.NoError(t, err)
	require.Equal(t, 5, n)
	_, err = st.IgnoredReplies(ctx, unknown)
	require.ErrorIs(t, err, saga.ErrNotFound)
}
