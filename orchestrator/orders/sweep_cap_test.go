package orders

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"testing"
	"time"

	"github.com/sirupsen/logrus"
	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/orchestrator/ordersaga"
	"github.com/streamsaga/streamsaga/orchestrator/orderstore"
	"github.com/streamsaga/streamsaga/orchestrator/orderstore/orderpg"
	"github.com/streamsaga/streamsaga/orchestrator/orderstore/ordersqlite"
	"github.com/streamsaga/streamsaga/saga/driver/pgdriver"
	"github.com/streamsaga/streamsaga/saga/driver/sqlitedriver"
	"github.com/streamsaga/streamsaga/saga/pg"
	"github.com/streamsaga/streamsaga/saga/testenv"
)

// sweepServices are order services over empty orchestrator stores, by
// driver.
func sweepServices(t *testing.T) map[string]func(t *testing.T) *Service {
	return map[string]func(t *testing.T) *Service{
		"postgres": func(t *testing.T) *Service {
			pool, err := pg.Connect(context.Background(), testenv.Database(t), pgdriver.Schema)
			require.NoError(t, err)
			t.Cleanup(pool.Close)
			return NewService(pgdriver.New(pool), orderpg.New(pool), nil)
		},
		"sqlite": func(t *testing.T) *Service {
			db, err := ordersqlite.Open(context.Background(), filepath.Join(t.TempDir(), "orchestrator.db"))
			require.NoError(t, err)
			t.Cleanup(func() { _ = db.Close() })
			return NewService(sqlitedriver.New(db), ordersqlite.New(db), nil)
		},
	}
}

// An order whose OrderCreated never starts a saga is sent again MaxResends
// times, then REJECTED with the reason, and swept no more.
func TestSweepGivesUpAfterMaxResends(t *testing.T) {
	for name, open := range sweepServices(t) {
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			svc := open(t)
			now := time.Now()
			svc.now = func() time.Time { return now }
			l := logrus.New()
			l.SetOutput(io.Discard)
			placed, err := svc.Place(ctx, PlaceRequest{CustomerID: "c1", Items: []ordersaga.Item{{SKU: "A", Quantity: 1}}}, "", "")
			require.NoError(t, err)

			resent := 0
			for range MaxResends + 5 {
				now = now.Add(20 * time.Second)
				n, err := svc.Sweep(ctx, 15*time.Second, 10, logrus.NewEntry(l))
				require.NoError(t, err)
				o, err := svc.GetOrder(ctx, placed.Order.ID)
				require.NoError(t, err)
				if o.Status == orderstore.OrderPending {
					require.Equal(t, 1, n)
					resent++
					continue
				}
				require.Equal(t, orderstore.OrderRejected, o.Status)
				require.Equal(t, fmt.Sprintf("OrderCreated never started a saga after %d resends", MaxResends), o.Reason)
			}
			require.Equal(t, MaxResends, resent)
		})
	}
}
