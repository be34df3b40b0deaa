package e2e

import (
	"context"
	"fmt"
	"math/rand/v2"
	"sync"
	"time"
)

// noAccountCustomer is the customer the payment service has never heard of.
const noAccountCustomer = "no-account"

// chaosWorkload makes n orders over scarce stock and money, so that some
// are approved and some rejected for stock, for funds or for a missing
// account. Stock and balances grow with n to keep the mix the same.
func chaosWorkload(n int, rng *rand.Rand, keyPrefix string) (stock, balances map[string]int64, orders []*chaosOrder) {
	stock = map[string]int64{"A": int64(n) * 35 / 100, "B": int64(n) / 4, "C": int64(n) / 2, "D": int64(n) / 5}
	balances = map[string]int64{"c1": int64(n) * 150, "c2": int64(n) * 300, "c3": int64(n) * 600, "c4": int64(n) * 100}
	skus, customers := keys(stock), append(keys(balances), noAccountCustomer)
	for i := range n {
		o := &chaosOrder{key: fmt.Sprintf("%schaos-%04d", keyPrefix, i), customer: customers[rng.IntN(len(customers))]}
		for _, sku := range pick(skus, 1+rng.IntN(2), rng) {
			it := item{SKU: sku, Quantity: 1 + rng.Int64N(3), UnitPriceCents: 100 + rng.Int64N(900)}
			o.items = append(o.items, it)
			o.total += it.Quantity * it.UnitPriceCents
		}
		orders = append(orders, o)
	}
	return stock, balances, orders
}

// placement places orders in the background: order i is released at
// start + i*over/n and taken by one of the placers; orders alternate the
// orchestrator they try first. done is closed when every order was accepted
// or given up; errs then holds one error per order given up.
type placement struct {
	done chan struct{}
	errs chan error
}

func startPlacement(ctx context.Context, c *chaosClient, orders []*chaosOrder, over time.Duration, placers int) *placement {
	p := &placement{done: make(chan struct{}), errs: make(chan error, len(orders))}
	jobs := make(chan int)
	go releasePaced(ctx, jobs, len(orders), over)
	var wg sync.WaitGroup
	for range placers {
		wg.Go(func() {
			for i := range jobs {
				if err := c.place(ctx, orders[i], i); err != nil {
					p.errs <- err
				}
			}
		})
	}
	go func() { wg.Wait(); close(p.errs); close(p.done) }()
	return p
}

// releasePaced sends 0..n-1 on jobs, spread evenly over the duration, then
// closes it; it stops early when ctx ends.
func releasePaced(ctx context.Context, jobs chan<- int, n int, over time.Duration) {
	defer close(jobs)
	start := time.Now()
	for i := range n {
		sleepOrDone(ctx, time.Until(start.Add(over*time.Duration(i)/time.Duration(n))))
		select {
		case jobs <- i:
		case <-ctx.Done():
			return
		}
	}
}

// errors returns the placement errors; call it after done is closed.
func (p *placement) errors() []error {
	var out []error
	for err := range p.errs {
		out = append(out, err)
	}
	return out
}
