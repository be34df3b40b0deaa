package orderpg

import (
	"context"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/saga/driver"
	"github.com/streamsaga/streamsaga/saga/driver/pgdriver"
	"github.com/streamsaga/streamsaga/saga/pg"
	"github.com/streamsaga/streamsaga/saga/testenv"
)

// finishedOrders is orders_pending with no vacuum after 40,000 orders
// placed in the last hour were APPROVED: the index keeps their PENDING
// entries. One order placed ten minutes ago never got a saga.
const finishedOrders = `
ALTER TABLE orders SET (autovacuum_enabled = off);
INSERT INTO orders (id, customer_id, items, total_cents, saga_id, created_at, updated_at)
SELECT gen_random_uuid(), 'c', '[]', 1, gen_random_uuid(), t, t
  FROM (SELECT now() - interval '1 hour' + i * interval '50 milliseconds' AS t FROM generate_series(1, 40000) AS i) AS s;
UPDATE orders SET status = 'APPROVED';
INSERT INTO orders (id, customer_id, items, total_cents, saga_id, created_at, updated_at)
VALUES ('00000000-0000-4000-8000-000000000001', 'c', '[]', 1, gen_random_uuid(), now() - interval '10 minutes', now() - interval '10 minutes');`

// The sweeper's claim reads orders_pending from its mark once it has one:
// a few pages, where a claim from the start reads the entry of every order
// finished since the last vacuum. Both claim the stalled order.
func TestStalledClaimFromTheMarkSkipsFinishedOrders(t *testing.T) {
	ctx, cancel := context.WithTimeout(t.Context(), time.Minute)
	defer cancel()
	pool, err := pg.Connect(ctx, testenv.Database(t), pgdriver.Schema)
	require.NoError(t, err)
	defer pool.Close()
	_, err = pool.Exec(ctx, finishedOrders)
	require.NoError(t, err)
	engine, orders := pgdriver.New(pool), New(pool)
	t1 := time.Now().Add(-15 * time.Second)
	for _, before := range []time.Time{t1, t1.Add(pg.DefaultMarkLag)} {
		require.NoError(t, engine.InTx(ctx, func(ctx context.Context, dtx driver.Tx) error {
			o, err := orders.From(dtx)
			require.NoError(t, err)
			got, err := o.ClaimStalledOrders(ctx, before, 10)
			require.Len(t, got, 1)
			return err
		}))
	}
	before := t1.Add(2 * pg.DefaultMarkLag)
	mark, pass := orders.stalled.Start(before)
	require.Equal(t, pg.QuickPass, pass)
	require.True(t, mark.Before(t1.Add(-time.Minute)), "the mark %s is the stalled order's time", mark)

	fromStart := stalledClaimBuffers(ctx, t, pool, before, time.Time{})
	fromMark := stalledClaimBuffers(ctx, t, pool, before, mark)
	require.Less(t, fromMark*10, fromStart, "pages read from the mark (%d) and from the start (%d)", fromMark, fromStart)
}

// stalledClaimBuffers is how many pages the sweeper's claim of orders
// touched before before from from reads; it must claim the stalled order.
func stalledClaimBuffers(ctx context.Context, t *testing.T, pool *pgxpool.Pool, before, from time.Time) int64 {
	t.Helper()
	n, rows := testenv.PlanBuffersInTx(ctx, t, pool, sqlWalkIndex, qClaimStalled, before, 64, from)
	require.EqualValues(t, 1, rows)
	t.Logf("the claim from %s read %d pages", from.Format(time.RFC3339), n)
	return n
}
