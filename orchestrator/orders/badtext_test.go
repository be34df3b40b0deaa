package orders

import (
	"context"
	"errors"
	"net/http"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/orchestrator/ordersaga"
	"github.com/streamsaga/streamsaga/orchestrator/orderstore/orderenv"
	"github.com/streamsaga/streamsaga/saga/driver"
	"github.com/streamsaga/streamsaga/saga/httpx"
)

// gatedStore counts transactions and holds the first until open is closed.
type gatedStore struct {
	driver.Store
	txs  atomic.Int32
	open chan struct{}
}

func (s *gatedStore) InTx(ctx context.Context, fn func(ctx context.Context, tx driver.Tx) error) error {
	if s.txs.Add(1) == 1 {
		<-s.open
	}
	return s.Store.InTx(ctx, fn)
}

func (g *group) queued() int {
	g.mu.Lock()
	defer g.mu.Unlock()
	return len(g.queue)
}

func requireStatus(t *testing.T, err error, status int, text string) {
	t.Helper()
	var re *httpx.RequestError
	require.ErrorAs(t, err, &re)
	require.Equal(t, status, re.Status)
	require.Contains(t, re.Msg, text)
}

func TestPlaceRefusesTextNoColumnCanHold(t *testing.T) {
	_, st, orders := orderenv.Open(t)
	svc := NewService(st, orders, nil)
	ctx := context.Background()
	item := ordersaga.Item{SKU: "A", Quantity: 1, UnitPriceCents: 1}
	_, err := svc.Place(ctx, PlaceRequest{CustomerID: "c\x00", Items: []ordersaga.Item{item}}, "", "")
	requireStatus(t, err, http.StatusBadRequest, "customer_id")
	_, err = svc.Place(ctx, PlaceRequest{CustomerID: "c\xff", Items: []ordersaga.Item{item}}, "", "")
	requireStatus(t, err, http.StatusBadRequest, "customer_id")
	bad := item
	bad.SKU = "A\x00"
	_, err = svc.Place(ctx, PlaceRequest{CustomerID: "c", Items: []ordersaga.Item{item, bad}}, "", "")
	requireStatus(t, err, http.StatusBadRequest, "items[1].sku")
	_, err = svc.Place(ctx, PlaceRequest{CustomerID: "c", Items: []ordersaga.Item{item}}, "k\xff", "")
	requireStatus(t, err, http.StatusBadRequest, "Idempotency-Key")
	_, err = svc.Place(ctx, PlaceRequest{CustomerID: "c", Items: []ordersaga.Item{item}}, "k\x00", "")
	requireStatus(t, err, http.StatusBadRequest, "Idempotency-Key")
}

// TestABadOrderDoesNotFailTheGroup queues good orders and one the
// database would refuse behind a transaction in flight: the good ones
// share the next transaction, none is placed again on its own.
func TestABadOrderDoesNotFailTheGroup(t *testing.T) {
	_, inner, orders := orderenv.Open(t)
	st := &gatedStore{Store: inner, open: make(chan struct{})}
	svc := NewService(st, orders, nil)
	ctx := context.Background()
	good := PlaceRequest{CustomerID: "c1", Items: []ordersaga.Item{{SKU: "A", Quantity: 1, UnitPriceCents: 100}}}
	bad := PlaceRequest{CustomerID: "c\x00", Items: good.Items}

	first := make(chan error, 1)
	go func() { _, err := svc.Place(ctx, good, "", ""); first <- err }()
	require.Eventually(t, func() bool { return st.txs.Load() == 1 }, 10*time.Second, time.Millisecond, "the first order holds the group")

	const n = 5
	errs := make([]error, n+1)
	var badDone atomic.Bool
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() { _, errs[i] = svc.Place(ctx, good, "", "") })
	}
	wg.Go(func() { _, errs[n] = svc.Place(ctx, bad, "", ""); badDone.Store(true) })
	require.Eventually(t, func() bool {
		q := svc.group.queued()
		return q == n+1 || q == n && badDone.Load()
	}, 10*time.Second, time.Millisecond, "every order queued or refused")
	close(st.open)
	wg.Wait()
	require.NoError(t, <-first)

	for i := range n {
		require.NoError(t, errs[i], "good order %d", i)
	}
	require.Error(t, errs[n])
	require.False(t, errors.Is(errs[n], context.Canceled))
	require.Equal(t, int32(2), st.txs.Load(), "the good orders shared one transaction")
}
