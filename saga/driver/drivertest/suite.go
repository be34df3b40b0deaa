package drivertest

import (
	"context"
	"encoding/json"
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/orchestrator/ordersaga"
	"github.com/streamsaga/streamsaga/saga"
	"github.com/streamsaga/streamsaga/saga/driver"
)

// Serial marks st as a store that runs one write transaction at a time
// (SQLite): where another driver's second transaction skips rows the
// first holds, its second transaction waits for the first to commit, and
// the timer cases check that instead.
func Serial(st driver.Store) driver.Store { return serialStore{st} }

type serialStore struct{ driver.Store }

func (serialStore) serialWrites() {}

func isSerial(st driver.Store) bool {
	_, ok := st.(interface{ serialWrites() })
	return ok
}

// NewStore returns an empty store for one test.
type NewStore func(t *testing.T) driver.Store

// Run runs every case against stores made by newStore.
func Run(t *testing.T, newStore NewStore) {
	cases := map[string]func(*testing.T, driver.Store){
		"OrderRoundTrip":        testOrderRoundTrip,
		"IdempotencyKey":        testIdempotencyKey,
		"UnknownIDs":            testUnknownIDs,
		"RollbackStoresNothing": testRollback,
		"SagaVersionCheck":      testSagaVersionCheck,
		"SagaCreateTwice":       testSagaCreateTwice,
		"History":               testHistory,
		"HistoryPage":           testHistoryPage,
		"ListNewestFirst":       testList,
		"CountSagasByState":     testCountByState,
		"ClaimDueSagas":         testClaimDue,
		"ClaimStalledOrders":    testClaimStalled,
		"NoteResend":            testNoteResend,
		"IgnoredReplies":        testIgnoredReplies,
		"ManySagasAtOnce":       testManySagas,
		"OrdersOfSagas":         testOrdersOfSagas,
		"DefinitionVersionKept": testDefinitionVersionKept,
		"RecordDefinition":      testRecordDefinition,
		"ParkAndUnpark":         testParkAndUnpark,
		"SagaIdempotencyKey":    testSagaIdempotencyKey,
	}
	for name, fn := range cases {
		t.Run(name, func(t *testing.T) { fn(t, newStore(t)) })
	}
}

var ctx = context.Background()

func now() time.Time { return time.Now().UTC().Truncate(time.Microsecond) }

func newOrder(key string) driver.Order {
	t := now()
	return driver.Order{ID: saga.NewID(), SagaID: saga.NewID(), CustomerID: "c1",
		Items:      []ordersaga.Item{{SKU: "A", Quantity: 2, UnitPriceCents: 1250}},
		TotalCents: 2500, Status: driver.OrderPending, IdempotencyKey: key, RequestHash: "h1",
		CreatedAt: t, UpdatedAt: t}
}

func insert(t *testing.T, st driver.Store, o driver.Order) {
	t.Helper()
	require.NoError(t, st.InTx(ctx, func(ctx context.Context, tx driver.Tx) error { return tx.InsertOrders(ctx, []driver.Order{o}) }))
}

func testOrderRoundTrip(t *testing.T, st driver.Store) {
	o := newOrder("")
	insert(t, st, o)
	got, err := st.GetOrder(ctx, o.ID)
	require.NoError(t, err)
	require.Equal(t, o.Items, got.Items)
	bySaga, err := st.OrderBySagaID(ctx, o.SagaID)
	require.NoError(t, err)
	require.Equal(t, o.ID, bySaga.ID)
	_, err = st.OrderBySagaID(ctx, saga.NewID())
	require.ErrorIs(t, err, saga.ErrNotFound)
	require.Equal(t, o.TotalCents, got.TotalCents)
	require.Equal(t, driver.OrderPending, got.Status)
	require.Equal(t, o.SagaID, got.SagaID)
	require.True(t, o.CreatedAt.Equal(got.CreatedAt))

	require.NoError(t, st.InTx(ctx, func(ctx context.Context, tx driver.Tx) error {
		return tx.SetOrderStatuses(ctx, []driver.OrderOutcome{{ID: o.ID, Status: driver.OrderRejected, Reason: "out of stock"}})
	}))
	got, err = st.GetOrder(ctx, o.ID)
	require.NoError(t, err)
	require.Equal(t, driver.OrderRejected, got.Status)
	require.Equal(t, "out of stock", got.Reason)
}

func testIdempotencyKey(t *testing.T, st driver.Store) {
	o := newOrder("key-1")
	insert(t, st, o)
	err := st.InTx(ctx, func(ctx context.Context, tx driver.Tx) error {
		found, err := tx.OrdersByIdempotencyKeys(ctx, []string{"key-1", "key-2"})
		require.NoError(t, err)
		require.Len(t, found, 1, "key-2 is unused")
		require.Equal(t, o.ID, found["key-1"].ID)
		require.Equal(t, "h1", found["key-1"].RequestHash)
		return nil
	})
	require.NoError(t, err)
	fresh := newOrder("key-3")
	err = st.InTx(ctx, func(ctx context.Context, tx driver.Tx) error {
		return tx.InsertOrders(ctx, []driver.Order{fresh, newOrder("key-1")})
	})
	require.ErrorIs(t, err, driver.ErrIdempotencyKeyUsed)
	_, err = st.GetOrder(ctx, fresh.ID)
	require.ErrorIs(t, err, saga.ErrNotFound, "a taken key stores none of the batch")
	err = st.InTx(ctx, func(ctx context.Context, tx driver.Tx) error {
		return tx.InsertOrders(ctx, []driver.Order{newOrder("key-4"), newOrder("key-4")})
	})
	require.ErrorIs(t, err, driver.ErrIdempotencyKeyUsed, "one key twice in a batch")
	insert(t, st, newOrder("")) // no key: never a conflict
	insert(t, st, newOrder(""))
	many := []driver.Order{newOrder(""), newOrder("key-5"), newOrder("")}
	require.NoError(t, st.InTx(ctx, func(ctx context.Context, tx driver.Tx) error { return tx.InsertOrders(ctx, many) }))
	for _, o := range many {
		got, err := st.GetOrder(ctx, o.ID)
		require.NoError(t, err)
		require.Equal(t, o.IdempotencyKey, got.IdempotencyKey)
		require.Equal(t, o.Items, got.Items)
	}
}

func testUnknownIDs(t *testing.T, st driver.Store) {
	_, err := st.GetOrder(ctx, saga.NewID())
	require.ErrorIs(t, err, saga.ErrNotFound)
	_, err = st.GetOrder(ctx, "not-a-uuid")
	require.ErrorIs(t, err, saga.ErrNotFound)
	_, err = st.GetSaga(ctx, saga.NewID())
	require.ErrorIs(t, err, saga.ErrNotFound)
	_, err = st.GetSaga(ctx, "../etc")
	require.ErrorIs(t, err, saga.ErrNotFound)
	o := newOrder("")
	insert(t, st, o)
	err = st.InTx(ctx, func(ctx context.Context, tx driver.Tx) error {
		return tx.SetOrderStatuses(ctx, []driver.OrderOutcome{{ID: o.ID, Status: driver.OrderApproved}, {ID: saga.NewID(), Status: driver.OrderApproved}})
	})
	require.ErrorIs(t, err, saga.ErrNotFound, "one unknown order fails the batch")
	got, err := st.GetOrder(ctx, o.ID)
	require.NoError(t, err)
	require.Equal(t, driver.OrderPending, got.Status, "rolled back with it")
}

func testRollback(t *testing.T, st driver.Store) {
	o := newOrder("")
	boom := errors.New("boom")
	err := st.InTx(ctx, func(ctx context.Context, tx driver.Tx) error {
		require.NoError(t, tx.InsertOrders(ctx, []driver.Order{o}))
		require.NoError(t, tx.CreateSaga(ctx, newInstance(t)))
		return boom
	})
	require.ErrorIs(t, err, boom)
	_, err = st.GetOrder(ctx, o.ID)
	require.ErrorIs(t, err, saga.ErrNotFound)
}

func newInstance(t *testing.T) *saga.Instance {
	t.Helper()
	data, _ := json.Marshal(ordersaga.Data{OrderID: saga.NewID(), CustomerID: "c1", TotalCents: 10})
	inst, _, err := saga.Engine{ReplyTo: "r"}.Start(ordersaga.Definition(), saga.StartInput{ID: saga.NewID(), Data: data, Now: now()})
	require.NoError(t, err)
	inst.Version = 1
	return inst
}
