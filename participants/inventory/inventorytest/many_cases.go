package inventorytest

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/participants/inventory"
	"github.com/streamsaga/streamsaga/participants/sdk/sdktest"
	"github.com/streamsaga/streamsaga/saga"
)

// testReserveMany checks that ReserveMany answers and reserves as Reserve
// one after the other would: earlier requests take units from later ones,
// a saga already holding a reservation succeeds without change, a released
// one is refused, and bad requests fail alone.
func testReserveMany(t *testing.T, s inventory.Store) {
	SetStock(t, s, "A", 5)
	SetStock(t, s, "B", 2)
	held, released := saga.NewID(), saga.NewID()
	require.Empty(t, Reserve(t, s, held, item("A", 1)))
	require.Empty(t, Reserve(t, s, released, item("B", 1)))
	Release(t, s, released)
	s1, s2, s3, s4, s5, s6, s7 := saga.NewID(), saga.NewID(), saga.NewID(), saga.NewID(), saga.NewID(), saga.NewID(), saga.NewID()
	reqs := []inventory.Reservation{
		{SagaID: s1, Items: []inventory.Item{item("A", 3)}},
		{SagaID: s2, Items: []inventory.Item{item("A", 2)}},
		{SagaID: s3, Items: []inventory.Item{item("B", 1), item("B", 1)}},
		{SagaID: held, Items: []inventory.Item{item("A", 1)}},
		{SagaID: released, Items: []inventory.Item{item("B", 1)}},
		{SagaID: s1, Items: []inventory.Item{item("A", 3)}},
		{SagaID: s4, Items: []inventory.Item{item("Z", 1)}},
		{SagaID: s5, Items: []inventory.Item{item("A", 0)}},
		{SagaID: s6, Items: []inventory.Item{item("A", 1), item("B", 1)}},
		{SagaID: s7, Items: []inventory.Item{item("A", 1)}},
	}
	failures := sdktest.MustInTx(t, s, func(ctx context.Context, tx inventory.Tx) ([]string, error) {
		return tx.ReserveMany(ctx, reqs)
	})
	require.Equal(t, []string{
		"",
		"insufficient stock for SKU A: requested 2, available 1",
		"",
		"",
		inventory.ReasonReleased,
		"",
		"unknown SKU Z",
		"invalid quantity 0 for SKU A",
		"insufficient stock for SKU B: requested 1, available 0",
		"",
	}, failures)
	RequireStock(t, s, "A", 0, 5)
	RequireStock(t, s, "B", 0, 2)

	Release(t, s, s1)
	RequireStock(t, s, "A", 3, 2)
	Release(t, s, s3)
	RequireStock(t, s, "B", 2, 0)
	require.Equal(t, "", Reserve(t, s, s2, item("A", 2)), "a failed request holds nothing")
}

// testReserveManyRollsBack checks that a rolled-back ReserveMany leaves
// stock and reservations as they were.
func testReserveManyRollsBack(t *testing.T, s inventory.Store) {
	SetStock(t, s, "A", 5)
	s1, s2 := saga.NewID(), saga.NewID()
	var failures []string
	sdktest.RollBack(t, s, func(ctx context.Context, tx inventory.Tx) error {
		var err error
		failures, err = tx.ReserveMany(ctx, []inventory.Reservation{
			{SagaID: s1, Items: []inventory.Item{item("A", 2)}}, {SagaID: s2, Items: []inventory.Item{item("A", 2)}},
		})
		return err
	})
	require.Equal(t, []string{"", ""}, failures)
	RequireStock(t, s, "A", 5, 0)
	require.Empty(t, Reserve(t, s, s1, item("A", 5)), "the saga has no reservation after the rollback")
}
