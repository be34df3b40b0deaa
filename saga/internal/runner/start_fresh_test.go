package runner_test

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/orchestrator/ordersaga"
	"github.com/streamsaga/streamsaga/saga"
	"github.com/streamsaga/streamsaga/saga/driver"
)

// plainTx hides the optional interfaces of the Tx it holds, as a driver
// without driver.FreshCreator would.
type plainTx struct{ driver.Tx }

// StartManyFresh on a Tx that is not a driver.FreshCreator creates the
// sagas with CreateSagas and still refuses an id that exists, with
// saga.ErrDuplicate: it never leaves it alone as StartMany does.
func TestStartManyFreshWithoutAFreshCreatorRefusesAnExistingID(t *testing.T) {
	f := newFixture(t)
	start := func(ids ...string) error {
		var ins []saga.StartInput
		for _, id := range ids {
			data, _ := json.Marshal(ordersaga.Data{OrderID: saga.NewID(), CustomerID: "c1",
				Items: []ordersaga.Item{{SKU: "A", Quantity: 1, UnitPriceCents: 100}}, TotalCents: 100})
			ins = append(ins, saga.StartInput{ID: id, Data: data})
		}
		return f.store.InTx(ctx, func(ctx context.Context, tx driver.Tx) error {
			_, isCreator := driver.Tx(plainTx{tx}).(driver.FreshCreator)
			require.False(t, isCreator)
			return f.runner.StartManyFresh(ctx, plainTx{tx}, ordersaga.SagaType, ins)
		})
	}
	a, b := saga.NewID(), saga.NewID()
	require.NoError(t, start(a))
	require.Equal(t, 1, f.outboxCount(t, ordersaga.ReserveInventory), "the first command is written")

	require.ErrorIs(t, start(b, a), saga.ErrDuplicate)
	_, err := f.store.GetSaga(ctx, b)
	require.ErrorIs(t, err, saga.ErrNotFound)
	require.Equal(t, 1, f.outboxCount(t, ordersaga.ReserveInventory), "and nothing more")
}
