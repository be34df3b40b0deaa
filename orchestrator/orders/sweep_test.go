package orders

import (
	"context"
	"io"
	"testing"
	"time"

	"github.com/sirupsen/logrus"
	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/orchestrator/ordersaga"
	"github.com/streamsaga/streamsaga/orchestrator/orderstore/orderpg"
	"github.com/streamsaga/streamsaga/saga/driver/pgdriver"
	"github.com/streamsaga/streamsaga/saga/pg"
	"github.com/streamsaga/streamsaga/saga/testenv"
)

func TestSweepResendsLostOrderCreated(t *testing.T) {
	ctx := context.Background()
	pool, err := pg.Connect(ctx, testenv.Database(t), pgdriver.Schema)
	require.NoError(t, err)
	t.Cleanup(pool.Close)
	now := time.Now()
	svc := NewService(pgdriver.New(pool), orderpg.New(pool), nil)
	svc.now = func() time.Time { return now }
	l := logrus.New()
	l.SetOutput(io.Discard)
	log := logrus.NewEntry(l)

	placed, err := svc.Place(ctx, PlaceRequest{CustomerID: "c1", Items: []ordersaga.Item{{SKU: "A", Quantity: 1}}}, "", "")
	require.NoError(t, err)
	count := func() (n int) {
		require.NoError(t, pool.QueryRow(ctx, "SELECT count(*) FROM outbox WHERE message_type = 'OrderCreated' AND partition_key = $1",
			placed.Order.SagaID).Scan(&n))
		return n
	}

	n, err := svc.Sweep(ctx, 15*time.Second, 10, log)
	require.NoError(t, err)
	require.Zero(t, n, "a fresh order is left alone")

	now = now.Add(20 * time.Second)
	n, err = svc.Sweep(ctx, 15*time.Second, 10, log)
	require.NoError(t, err)
	require.Equal(t, 1, n)
	require.Equal(t, 2, count(), "OrderCreated written again")
	n, err = svc.Sweep(ctx, 15*time.Second, 10, log)
	require.NoError(t, err)
	require.Zero(t, n, "not again before another stall period")

	_, err = pool.Exec(ctx, `INSERT INTO sagas (id, type, state, data, steps, created_at, updated_at)
		VALUES ($1, 'order', 'RUNNING', '{}', '[]', now(), now())`, placed.Order.SagaID)
	require.NoError(t, err)
	now = now.Add(time.Minute)
	n, err = svc.Sweep(ctx, 15*time.Second, 10, log)
	require.NoError(t, err)
	require.Zero(t, n, "an order whose saga started is not swept")
}
