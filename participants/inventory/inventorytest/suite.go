package inventorytest

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/participants/inventory"
	"github.com/streamsaga/streamsaga/participants/resource/resourcetest"
	"github.com/streamsaga/streamsaga/participants/sdk/sdktest"
)

// RunStore runs the suite, its cases in parallel (the records of the HTTP
// resource among them), then the SDK's messaging suite. newStore must
// return an empty store of its own for each call.
func RunStore(t *testing.T, newStore func(t *testing.T) inventory.Store) {
	sdktest.RunStore[inventory.Tx](t, newStore, cases)
}

func stock(sku string, available int64) inventory.Stock {
	return inventory.Stock{SKU: sku, Available: available}
}

var cases = append(resourcetest.RecordCases(inventory.Resource, stock), []sdktest.Case[inventory.Store]{
	{Name: "ReserveMovesUnits", Run: testReserve},
	{Name: "ReserveIsAllOrNothing", Run: testAllOrNothing},
	{Name: "ReserveUnknownSKU", Run: testUnknownSKU},
	{Name: "ReserveAggregatesDuplicateSKUs", Run: testAggregate},
	{Name: "ReserveRejectsBadQuantity", Run: testBadQuantity},
	{Name: "ReserveRejectsQuantityOverflow", Run: testQuantityOverflow},
	{Name: "ReserveTwiceReservesOnce", Run: testReserveTwice},
	{Name: "ReserveManyIsReserveInOrder", Run: testReserveMany},
	{Name: "ReserveManyRollsBack", Run: testReserveManyRollsBack},
	{Name: "ReleaseRestoresOnce", Run: testRelease},
	{Name: "ReleaseWithoutReservation", Run: testReleaseNothing},
	{Name: "ReserveAfterReleaseFails", Run: testReserveAfterRelease},
	{Name: "SetStockKeepsReserved", Run: testSetKeepsReserved},
	{Name: "RollbackUndoesReserve", Run: testRollback},
	{Name: "ConcurrentReservationsNeverOversell", Run: testConcurrent},
}...)

// Reserve runs Reserve in its own transaction and returns its failure.
func Reserve(t *testing.T, s inventory.Store, sagaID string, items ...inventory.Item) string {
	t.Helper()
	return sdktest.MustInTx(t, s, reserve(sagaID, items))
}

func reserve(sagaID string, items []inventory.Item) func(context.Context, inventory.Tx) (string, error) {
	return func(ctx context.Context, tx inventory.Tx) (string, error) { return tx.Reserve(ctx, sagaID, items) }
}

// Release runs Release in its own transaction.
func Release(t *testing.T, s inventory.Store, sagaID string) {
	t.Helper()
	sdktest.Exec(t, s, func(ctx context.Context, tx inventory.Tx) error { return tx.Release(ctx, sagaID) })
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
