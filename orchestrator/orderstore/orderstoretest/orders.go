package orderstoretest

import (
	"context"
	"errors"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/orchestrator/orderstore"
	"github.com/streamsaga/streamsaga/saga"
	"github.com/streamsaga/streamsaga/saga/driver"
)

func testOrderRoundTrip(t *testing.T, s Stores) {
	o := newOrder("")
	insert(t, s, o)
	got, err := s.Orders.GetOrder(ctx, o.ID)
	require.NoError(t, err)
	require.Equal(t, o.Items, got.Items)
	bySaga, err := s.Orders.OrderBySagaID(ctx, o.SagaID)
	require.NoError(t, err)
	require.Equal(t, o.ID, bySaga.ID)
	_, err = s.Orders.OrderBySagaID(ctx, saga.NewID())
	require.ErrorIs(t, err, saga.ErrNotFound)
	require.Equal(t, o.TotalCents, got.TotalCents)
	require.Equal(t, orderstore.OrderPending, got.Status)
	require.Equal(t, o.SagaID, got.SagaID)
	require.True(t, o.CreatedAt.Equal(got.CreatedAt))

	require.NoError(t, s.inTx(ctx, func(ctx context.Context, tx orderstore.Tx) error {
		return tx.SetOrderStatuses(ctx, []orderstore.OrderOutcome{{ID: o.ID, Status: orderstore.OrderRejected, Reason: "out of stock"}})
	}))
	got, err = s.Orders.GetOrder(ctx, o.ID)
	require.NoError(t, err)
	require.Equal(t, orderstore.OrderRejected, got.Status)
	require.Equal(t, "out of stock", got.Reason)
}

func testIdempotencyKey(t *testing.T, s Stores) {
	o := newOrder("key-1")
	insert(t, s, o)
	err := s.inTx(ctx, func(ctx context.Context, tx orderstore.Tx) error {
		found, err := tx.OrdersByIdempotencyKeys(ctx, []string{"key-1", "key-2"})
		require.NoError(t, err)
		require.Len(t, found, 1, "key-2 is unused")
		require.Equal(t, o.ID, found["key-1"].ID)
		require.Equal(t, "h1", found["key-1"].RequestHash)
		return nil
	})
	require.NoError(t, err)
	fresh := newOrder("key-3")
	err = s.inTx(ctx, func(ctx context.Context, tx orderstore.Tx) error {
		return tx.InsertOrders(ctx, []orderstore.Order{fresh, newOrder("key-1")})
	})
	require.ErrorIs(t, err, orderstore.ErrIdempotencyKeyUsed)
	require.ErrorIs(t, err, driver.ErrIdempotencyKeyUsed, "one error under both names")
	_, err = s.Orders.GetOrder(ctx, fresh.ID)
	require.ErrorIs(t, err, saga.ErrNotFound, "a taken key stores none of the batch")
	err = s.inTx(ctx, func(ctx context.Context, tx orderstore.Tx) error {
		return tx.InsertOrders(ctx, []orderstore.Order{newOrder("key-4"), newOrder("key-4")})
	})
	require.ErrorIs(t, err, orderstore.ErrIdempotencyKeyUsed, "one key twice in a batch")
	err = s.inTx(ctx, func(ctx context.Context, tx orderstore.Tx) error {
		if err := tx.InsertOrders(ctx, []orderstore.Order{newOrder("key-1")}); err != nil {
			return err
		}
		_, err := tx.OrdersByIdempotencyKeys(ctx, []string{"key-1"})
		return err
	})
	require.ErrorIs(t, err, orderstore.ErrIdempotencyKeyUsed, "from the insert or the statement it travelled with")
	insert(t, s, newOrder("")) // no key: never a conflict
	insert(t, s, newOrder(""))
	many := []orderstore.Order{newOrder(""), newOrder("key-5"), newOrder("")}
	require.NoError(t, s.inTx(ctx, func(ctx context.Context, tx orderstore.Tx) error { return tx.InsertOrders(ctx, many) }))
	for _, o := range many {
		got, err := s.Orders.GetOrder(ctx, o.ID)
		require.NoError(t, err)
		require.Equal(t, o.IdempotencyKey, got.IdempotencyKey)
		require.Equal(t, o.Items, got.Items)
	}
}

func testUnknownIDs(t *testing.T, s Stores) {
	_, err := s.Orders.GetOrder(ctx, saga.NewID())
	require.ErrorIs(t, err, saga.ErrNotFound)
	_, err = s.Orders.GetOrder(ctx, "not-a-uuid")
	require.ErrorIs(t, err, saga.ErrNotFound)
	_, err = s.Orders.OrderBySagaID(ctx, "../etc")
	require.ErrorIs(t, err, saga.ErrNotFound)
	o := newOrder("")
	insert(t, s, o)
	err = s.inTx(ctx, func(ctx context.Context, tx orderstore.Tx) error {
		return tx.SetOrderStatuses(ctx, []orderstore.OrderOutcome{{ID: o.ID, Status: orderstore.OrderApproved},
			{ID: saga.NewID(), Status: orderstore.OrderApproved}})
	})
	require.ErrorIs(t, err, saga.ErrNotFound, "one unknown order fails the batch")
	got, err := s.Orders.GetOrder(ctx, o.ID)
	require.NoError(t, err)
	require.Equal(t, orderstore.OrderPending, got.Status, "rolled back with it")
}

// testRollback: an order and the saga written in one engine transaction
// are both gone when it rolls back.
func testRollback(t *testing.T, s Stores) {
	o, inst := newOrder(""), newInstance(t)
	boom := errors.New("boom")
	err := s.Engine.InTx(ctx, func(ctx context.Context, tx driver.Tx) error {
		orders, err := s.Orders.From(tx)
		require.NoError(t, err)
		require.NoError(t, orders.InsertOrders(ctx, []orderstore.Order{o}))
		require.NoError(t, tx.CreateSaga(ctx, inst))
		return boom
	})
	require.ErrorIs(t, err, boom)
	_, err = s.Orders.GetOrder(ctx, o.ID)
	require.ErrorIs(t, err, saga.ErrNotFound)
	_, err = s.Engine.GetSaga(ctx, inst.ID)
	require.ErrorIs(t, err, saga.ErrNotFound)
}

// testForeignTx: From refuses a transaction of another driver.
func testForeignTx(t *testing.T, s Stores) {
	_, err := s.Orders.From(foreignTx{})
	require.ErrorIs(t, err, orderstore.ErrForeignTx)
}

// foreignTx is a transaction of another driver.
type foreignTx struct{ driver.Tx }
