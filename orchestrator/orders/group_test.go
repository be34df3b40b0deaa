package orders

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/orchestrator/ordersaga"
	"github.com/streamsaga/streamsaga/orchestrator/orderstore/orderenv"
	"github.com/streamsaga/streamsaga/saga/driver"
	"github.com/streamsaga/streamsaga/saga/httpx"
)

// countingStore counts transactions.
type countingStore struct {
	driver.Store
	txs atomic.Int32
}

func (s *countingStore) InTx(ctx context.Context, fn func(ctx context.Context, tx driver.Tx) error) error {
	s.txs.Add(1)
	return s.Store.InTx(ctx, fn)
}

// TestConcurrentPlacementsShareTransactions places many orders at once,
// some under one idempotency key, one of them with another body: each key
// stores one order with one OrderCreated, replays get that order, the odd
// body gets a 409, and the orders took fewer transactions than there are
// orders.
func TestConcurrentPlacementsShareTransactions(t *testing.T) {
	ctx := context.Background()
	db, inner, orderStore := orderenv.Open(t)
	st := &countingStore{Store: inner}
	svc := NewService(st, orderStore, nil)

	const n = 200
	req := func(qty int64) PlaceRequest {
		return PlaceRequest{CustomerID: "c1", Items: []ordersaga.Item{{SKU: "A", Quantity: qty, UnitPriceCents: 100}}}
	}
	results := make([]Placed, n)
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i := range n - 1 {
		key, r := fmt.Sprintf("k-%d", i%50), req(int64(i%50+1))
		wg.Go(func() { results[i], errs[i] = svc.Place(ctx, r, key, "") })
	}
	wg.Wait()
	// Same key as others, another body: whichever of them came first, this
	// one comes after.
	results[n-1], errs[n-1] = svc.Place(ctx, req(99), fmt.Sprintf("k-%d", (n-1)%50), "")

	byKey := map[string]string{}
	conflicts := 0
	for i := range n {
		var he *httpx.RequestError
		if errors.As(errs[i], &he) && he.Status == http.StatusConflict {
			conflicts++
			continue
		}
		require.NoError(t, errs[i])
		key := results[i].Order.IdempotencyKey
		if id, ok := byKey[key]; ok {
			require.Equal(t, id, results[i].Order.ID, "one order per key")
			continue
		}
		byKey[key] = results[i].Order.ID
	}
	require.Equal(t, 1, conflicts)
	require.Len(t, byKey, 50)
	var orders, events int
	require.NoError(t, db.QueryRowContext(ctx, "SELECT count(*) FROM orders").Scan(&orders))
	require.NoError(t, db.QueryRowContext(ctx, "SELECT count(*) FROM outbox WHERE message_type = 'OrderCreated'").Scan(&events))
	require.Equal(t, 50, orders)
	require.Equal(t, 50, events)
	require.Less(t, int(st.txs.Load()), n, "concurrent orders share transactions")
}
