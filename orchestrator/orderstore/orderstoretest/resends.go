package orderstoretest

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/orchestrator/orderstore"
)

// testNoteResend: NoteResend counts an order's resends, one per call, and
// sets its updated_at, so the order waits another stall period.
func testNoteResend(t *testing.T, s Stores) {
	o := newOrder("")
	o.CreatedAt, o.UpdatedAt = now().Add(-time.Hour), now().Add(-time.Hour)
	insert(t, s, o)
	for want := 1; want <= 3; want++ {
		require.NoError(t, s.inTx(ctx, func(ctx context.Context, tx orderstore.Tx) error {
			n, err := tx.NoteResend(ctx, o.ID, now())
			require.Equal(t, want, n)
			return err
		}))
	}
	require.NoError(t, s.inTx(ctx, func(ctx context.Context, tx orderstore.Tx) error {
		got, err := tx.ClaimStalledOrders(ctx, now().Add(-time.Minute), 10)
		require.Empty(t, got, "resent just now")
		return err
	}))
}
