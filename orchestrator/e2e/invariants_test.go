package e2e

import (
	"math/rand/v2"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// workload is a set of orders over a few SKUs and customers, with the
// initial stock and balances, so the invariants can be checked at the end.
type workload struct {
	stock    map[string]int64
	balances map[string]int64
	orders   []placedOrder
}

type placedOrder struct {
	placed
	items []item
	total int64
}

func newWorkload(s *system, t *testing.T, stock, balances map[string]int64) *workload {
	for sku, n := range stock {
		s.setStock(t, sku, n)
	}
	for c, b := range balances {
		s.setBalance(t, c, b)
	}
	return &workload{stock: stock, balances: balances}
}

// placeRandom places n orders of random SKUs and customers (including one
// customer without an account).
func (w *workload) placeRandom(s *system, t *testing.T, n int, rng *rand.Rand) {
	skus, customers := keys(w.stock), append(keys(w.balances), "no-account")
	for range n {
		var items []item
		var total int64
		for _, sku := range pick(skus, 1+rng.IntN(2), rng) {
			it := item{SKU: sku, Quantity: 1 + rng.Int64N(3), UnitPriceCents: 100 + rng.Int64N(900)}
			items = append(items, it)
			total += it.Quantity * it.UnitPriceCents
		}
		p := s.place(t, customers[rng.IntN(len(customers))], items...)
		w.orders = append(w.orders, placedOrder{placed: p, items: items, total: total})
	}
}

// check waits for every order to settle and asserts the invariants of the
// design: every order APPROVED or REJECTED with its saga COMPLETED or
// COMPENSATED; stock and money add up to the approved orders.
func (w *workload) check(s *system, t *testing.T, within time.Duration) (approved int) {
	t.Helper()
	reserved := map[string]int64{}
	spent := map[string]int64{}
	deadline := time.Now().Add(within)
	for _, po := range w.orders {
		o, sv := s.settle(t, po.OrderID, time.Until(deadline))
		switch o.Status {
		case "APPROVED":
			require.Equal(t, "COMPLETED", sv.State, "order %s", o.OrderID)
			approved++
			spent[o.CustomerID] += po.total
			for _, it := range po.items {
				reserved[it.SKU] += it.Quantity
			}
		case "REJECTED":
			require.Equal(t, "COMPENSATED", sv.State, "order %s", o.OrderID)
		}
		require.Equal(t, po.total, o.TotalCents)
	}
	for sku, initial := range w.stock {
		st := s.stock(t, sku)
		require.Equal(t, initial, st.Available+st.Reserved, "sku %s: initial = available + reserved", sku)
		require.Equal(t, reserved[sku], st.Reserved, "sku %s: reserved = units of approved orders", sku)
	}
	for c, initial := range w.balances {
		require.Equal(t, initial, s.balance(t, c)+spent[c], "customer %s: initial = balance + approved totals", c)
	}
	return approved
}

func keys(m map[string]int64) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	return out
}

func pick(xs []string, n int, rng *rand.Rand) []string {
	p := rng.Perm(len(xs))
	out := make([]string, 0, n)
	for _, i := range p[:min(n, len(xs))] {
		out = append(out, xs[i])
	}
	return out
}
