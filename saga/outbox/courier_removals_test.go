package outbox_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/saga/outbox"
	"github.com/streamsaga/streamsaga/saga/storetest"
)

// The ids of published rows can be taken for a transaction to delete;
// taken ones are not deleted by the courier, given back ones are.
func TestCourierHandsOverRemovals(t *testing.T) {
	pub, rm := storetest.NewRecorder(), newFakeRemover()
	c := newCourier(t, pub, rm, outbox.CourierConfig{RemoveDelay: time.Second})
	var _ outbox.RemovalSource = c
	require.NoError(t, c.Start(t.Context()))
	msgs := numbered(1, 4)
	c.Dispatch(msgs)
	pub.WaitFor(t, len(msgs), 5*time.Second)
	var taken []int64
	require.Eventually(t, func() bool {
		taken = append(taken, c.TakeRemovals()...)
		return len(taken) == len(msgs)
	}, 5*time.Second, time.Millisecond)
	require.Equal(t, ids(msgs), taken)
	require.Empty(t, rm.removedIDs())

	// Given back, they are the courier's to delete again: its stop does.
	c.ReturnRemovals(taken[2:])
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	require.NoError(t, c.Stop(ctx))
	require.Equal(t, taken[2:], rm.removedIDs())
}
