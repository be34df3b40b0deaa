package orders

import (
	"context"
	"net/http"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/orchestrator/ordersaga"
	"github.com/streamsaga/streamsaga/orchestrator/orderstore"
	"github.com/streamsaga/streamsaga/orchestrator/orderstore/orderpg"
	"github.com/streamsaga/streamsaga/saga/driver"
	"github.com/streamsaga/streamsaga/saga/iocount"
)

// blindOrders is an order store whose next lookup by idempotency key,
// while blind is set, finds nothing: as if another orchestrator placed
// the order between a transaction's lookup and its insert.
type blindOrders struct {
	orderstore.Store
	blind *atomic.Bool
}

func (s blindOrders) From(tx driver.Tx) (orderstore.Tx, error) {
	otx, err := s.Store.From(tx)
	if err != nil {
		return nil, err
	}
	return blindTx{Tx: otx, blind: s.blind}, nil
}

type blindTx struct {
	orderstore.Tx
	blind *atomic.Bool
}

func (t blindTx) OrdersByIdempotencyKeys(ctx context.Context, keys []string) (map[string]orderstore.Order, error) {
	if t.blind.CompareAndSwap(true, false) {
		return map[string]orderstore.Order{}, nil
	}
	return t.Tx.OrdersByIdempotencyKeys(ctx, keys)
}

// A key taken after the lookup fails the insert, wherever the store
// reports it (the insert itself, the statement after it or the commit):
// the order is placed again on its own and answered from the order that
// holds the key, a replay for the same body and a 409 for another one.
// Both with the saga started in the order's transaction and without.
func TestAKeyTakenAfterTheLookupIsAnsweredFromItsOrder(t *testing.T) {
	s := newStarting(t)
	req := func(qty int64) PlaceRequest {
		return PlaceRequest{CustomerID: "c1", Items: []ordersaga.Item{{SKU: "A", Quantity: qty, UnitPriceCents: 100}}}
	}
	services := map[string]StartFunc{"starting sagas": s.engine.StartFreshManyTx, "leaving them to Events": nil}
	for name, start := range services {
		t.Run(name, func(t *testing.T) {
			key := "race-" + name
			first, err := s.svc.Place(t.Context(), req(1), key, "")
			require.NoError(t, err)
			blind := &atomic.Bool{}
			svc := NewService(s.engine.Store(), blindOrders{Store: s.svc.orders, blind: blind}, start)

			blind.Store(true)
			placed, err := svc.Place(t.Context(), req(1), key, "")
			require.NoError(t, err)
			require.False(t, blind.Load(), "the lookup was blind")
			require.True(t, placed.Replayed)
			require.Equal(t, first.Order.ID, placed.Order.ID)

			blind.Store(true)
			_, err = svc.Place(t.Context(), req(2), key, "")
			requireStatus(t, err, http.StatusConflict, "")
			var n int
			require.NoError(t, s.db.QueryRowContext(t.Context(),
				"SELECT count(*) FROM orders WHERE idempotency_key = $1", key).Scan(&n))
			require.Equal(t, 1, n)
		})
	}
}

// Placing an order takes two round trips with a key (BEGIN and the
// lookup; the order, its saga, their history, the outbox and COMMIT) and
// one without: the saga's id is new, so its insert reads nothing back
// (engine.StartFreshManyTx).
func TestPlacingAnOrderRoundTrips(t *testing.T) {
	s := newStarting(t)
	if _, ok := s.svc.orders.(*orderpg.Store); !ok {
		t.Skip("round trips are counted on PostgreSQL")
	}
	req := PlaceRequest{CustomerID: "c1", Items: []ordersaga.Item{{SKU: "A", Quantity: 1, UnitPriceCents: 100}}}
	place := func(key string) uint64 {
		before := iocount.Read().DBRoundTrips
		_, err := s.svc.Place(t.Context(), req, key, "")
		require.NoError(t, err)
		return iocount.Read().DBRoundTrips - before
	}
	place("warm")
	place("")
	require.Equal(t, uint64(2), place("counted"), "with a key")
	require.Equal(t, uint64(1), place(""), "without")
}
