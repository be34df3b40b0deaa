package orderstoretest

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/orchestrator/ordersaga"
	"github.com/streamsaga/streamsaga/orchestrator/orderstore"
	"github.com/streamsaga/streamsaga/saga"
	"github.com/streamsaga/streamsaga/saga/driver"
)

// Stores are the engine's store and the order store over one empty
// database.
type Stores struct {
	Engine driver.Store
	Orders orderstore.Store
	// Serial tells that the engine's store runs one write transaction at
	// a time (SQLite): where another driver's second transaction skips
	// rows the first holds, its second transaction waits for the first to
	// commit, and the claim case checks that instead.
	Serial bool
}

// NewStores returns empty stores for one test.
type NewStores func(t *testing.T) Stores

// Run runs every case against stores made by newStores.
func Run(t *testing.T, newStores NewStores) {
	cases := map[string]func(*testing.T, Stores){
		"OrderRoundTrip":        testOrderRoundTrip,
		"IdempotencyKey":        testIdempotencyKey,
		"UnknownIDs":            testUnknownIDs,
		"RollbackStoresNothing": testRollback,
		"ClaimStalledOrders":    testClaimStalled,
		"NoteResend":            testNoteResend,
		"OrdersOfSagas":         testOrdersOfSagas,
		"FinishOrders":          testFinishOrders,
		"FinishAllOrders":       testFinishAllOrders,
		"ForeignTx":             testForeignTx,
	}
	for name, fn := range cases {
		t.Run(name, func(t *testing.T) { fn(t, newStores(t)) })
	}
}

var ctx = context.Background()

func now() time.Time { return time.Now().UTC().Truncate(time.Microsecond) }

// inTx runs fn in one transaction of the engine's store, with the order
// tables in it.
func (s Stores) inTx(ctx context.Context, fn func(ctx context.Context, tx orderstore.Tx) error) error {
	return s.Engine.InTx(ctx, func(ctx context.Context, tx driver.Tx) error {
		orders, err := s.Orders.From(tx)
		if err != nil {
			return err
		}
		return fn(ctx, orders)
	})
}

func newOrder(key string) orderstore.Order {
	t := now()
	return orderstore.Order{ID: saga.NewID(), SagaID: saga.NewID(), CustomerID: "c1",
		Items:      []ordersaga.Item{{SKU: "A", Quantity: 2, UnitPriceCents: 1250}},
		TotalCents: 2500, Status: orderstore.OrderPending, IdempotencyKey: key, RequestHash: "h1",
		CreatedAt: t, UpdatedAt: t}
}

func insert(t *testing.T, s Stores, o orderstore.Order) {
	t.Helper()
	require.NoError(t, s.inTx(ctx, func(ctx context.Context, tx orderstore.Tx) error {
		return tx.InsertOrders(ctx, []orderstore.Order{o})
	}))
}

// newInstance is a started order saga, not yet stored.
func newInstance(t *testing.T) *saga.Instance {
	t.Helper()
	data, _ := json.Marshal(ordersaga.Data{OrderID: saga.NewID(), CustomerID: "c1", TotalCents: 10})
	inst, _, err := saga.Engine{ReplyTo: "r"}.Start(ordersaga.Definition(), saga.StartInput{ID: saga.NewID(), Data: data, Now: now()})
	require.NoError(t, err)
	inst.Version = 1
	return inst
}

func create(t *testing.T, s Stores, inst *saga.Instance) {
	t.Helper()
	require.NoError(t, s.Engine.InTx(ctx, func(ctx context.Context, tx driver.Tx) error { return tx.CreateSaga(ctx, inst) }))
}
