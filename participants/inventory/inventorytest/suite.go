package inventorytest

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/participants/inventory"
	"github.com/streamsaga/streamsaga/participants/sdk"
	"github.com/streamsaga/streamsaga/participants/sdk/sdktest"
)

// RunStore runs the suite, its cases in parallel. newStore must return an
// empty store of its own for each call.
func RunStore(t *testing.T, newStore func(t *testing.T) inventory.Store) {
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			c.run(t, newStore(t))
		})
	}
	t.Run("Messaging", func(t *testing.T) {
		sdktest.RunTx(t, func(t *testing.T) sdk.Store[inventory.Tx] { return newStore(t) })
	})
}

var cases = []struct {
	name string
	run  func(t *testing.T, s inventory.Store)
}{
	{"SetAndGetStock", testSetAndGet},
	{"UnknownSKUNotFound", testGetUnknown},
	{"NegativeStockInvalid", testSetNegative},
	{"ReserveMovesUnits", testReserve},
	{"ReserveIsAllOrNothing", testAllOrNothing},
	{"ReserveUnknownSKU", testUnknownSKU},
	{"ReserveAggregatesDuplicateSKUs", testAggregate},
	{"ReserveRejectsBadQuantity", testBadQuantity},
	{"ReserveTwiceReservesOnce", testReserveTwice},
	{"ReleaseRestoresOnce", testRelease},
	{"ReleaseWithoutReservation", testReleaseNothing},
	{"ReserveAfterReleaseFails", testReserveAfterRelease},
	{"SetStockKeepsReserved", testSetKeepsReserved},
	{"RollbackUndoesReserve", testRollback},
	{"ConcurrentReservationsNeverOversell", testConcurrent},
}

// Reserve runs Reserve in its own transaction and returns its failure.
func Reserve(t *testing.T, s inventory.Store, sagaID string, items ...inventory.Item) string {
	t.Helper()
	var failure string
	err := s.InTx(sdktest.Context(t), func(ctx context.Context, tx inventory.Tx) error {
		var err error
		failure, err = tx.Reserve(ctx, sagaID, items)
		return err
	})
	require.NoError(t, err)
	return failure
}

// Release runs Release in its own transaction.
func Release(t *testing.T, s inventory.Store, sagaID string) {
	t.Helper()
	err := s.InTx(sdktest.Context(t), func(ctx context.Context, tx inventory.Tx) error {
		return tx.Release(ctx, sagaID)
	})
	require.NoError(t, err)
}

// SetStock sets the available units of sku.
func SetStock(t *testing.T, s inventory.Store, sku string, available int64) {
	t.Helper()
	_, err := s.SetStock(sdktest.Context(t), sku, available)
	require.NoError(t, err)
}

// RequireStock asserts the available and reserved units of sku.
func RequireStock(t *testing.T, s inventory.Store, sku string, available, reserved int64) {
	t.Helper()
	st, err := s.GetStock(sdktest.Context(t), sku)
	require.NoError(t, err)
	require.Equal(t, inventory.Stock{SKU: sku, Available: available, Reserved: reserved}, st)
}

func item(sku string, q int64) inventory.Item { return inventory.Item{SKU: sku, Quantity: q} }
