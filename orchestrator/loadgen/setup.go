package loadgen

import (
	"context"
	"fmt"
	"net/http"
	"sync"
)

// setupParallelism bounds the requests in flight while setting up.
const setupParallelism = 8

// checkHealth asks every service's /healthz, so that a run against a
// service that is down stops with one clear line before it starts.
func (s *services) checkHealth(ctx context.Context) error {
	for _, svc := range [][2]string{{"orchestrator", s.orchestrator}, {"inventory", s.inventory}, {"payment", s.payment}} {
		if _, err := s.do(ctx, http.MethodGet, svc[1]+"/healthz", nil, nil); err != nil {
			return fmt.Errorf("%s is not healthy: %w", svc[0], err)
		}
	}
	return nil
}

// setUp gives every SKU of the plan its stock and every customer but the
// one without an account its balance.
func (s *services) setUp(ctx context.Context, p plan) error {
	jobs := make([]func(context.Context) error, 0, p.skus+p.customers)
	for i := range p.skus {
		jobs = append(jobs, func(ctx context.Context) error { return s.setStock(ctx, p.sku(i), stockPerSKU) })
	}
	for i := range p.customers {
		jobs = append(jobs, func(ctx context.Context) error { return s.setBalance(ctx, p.customer(i), balancePerCustomer) })
	}
	if err := runAll(ctx, setupParallelism, jobs); err != nil {
		return fmt.Errorf("setting up stock and accounts: %w", err)
	}
	return nil
}

// runAll runs jobs, at most n at once. Its error counts the jobs that
// failed and names the first failure.
func runAll(ctx context.Context, n int, jobs []func(context.Context) error) error {
	var (
		wg   sync.WaitGroup
		mu   sync.Mutex
		errs []error
	)
	sem := make(chan struct{}, n)
	for _, job := range jobs {
		sem <- struct{}{}
		wg.Go(func() {
			defer func() { <-sem }()
			if err := job(ctx); err != nil {
				mu.Lock()
				errs = append(errs, err)
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	if len(errs) == 0 {
		return nil
	}
	return fmt.Errorf("%d of %d requests failed, first: %w", len(errs), len(jobs), errs[0])
}
