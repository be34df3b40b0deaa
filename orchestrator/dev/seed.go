package dev

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"slices"
	"time"
)

// Demo data put in place on start when missing.
var (
	demoStock    = []demo{{"widget", 100}, {"gadget", 10}}
	demoAccounts = []demo{{"alice", 50_000}, {"bob", 1_500}}
	// tripAccounts are the accounts of the trip example's traveller.
	tripAccounts = []demo{{"carol", 500_000}}
)

type demo struct {
	key string
	n   int64
}

var client = &http.Client{Timeout: 5 * time.Second}

// ready waits until the orchestrator and every participant answer
// /healthz, and returns at once when a service failed or ctx is done (nil
// then: Run is stopping).
func ready(ctx context.Context, o Options, parts []part, failed <-chan error) error {
	deadline := time.Now().Add(15 * time.Second)
	addrs := []string{o.OrchestratorAddr}
	for _, p := range parts {
		addrs = append(addrs, p.addr)
	}
	for _, addr := range addrs {
		for status(ctx, http.MethodGet, "http://"+addr+"/healthz", "", nil) != http.StatusOK {
			select {
			case err := <-failed:
				return err
			case <-ctx.Done():
				return nil
			case <-time.After(50 * time.Millisecond):
			}
			if time.Now().After(deadline) {
				return fmt.Errorf("%s does not answer /healthz after 15s", addr)
			}
		}
	}
	return nil
}

// seed puts each demo SKU and account in place unless it exists, through
// the services' own APIs, with the API token when one is set.
func seed(ctx context.Context, o Options, token string) error {
	for _, d := range demoStock {
		if err := ensure(ctx, "http://"+o.InventoryAddr+"/stock/"+d.key, token, fmt.Sprintf(`{"available":%d}`, d.n)); err != nil {
			return err
		}
	}
	accounts := demoAccounts
	if o.Examples {
		accounts = append(slices.Clone(accounts), tripAccounts...)
	}
	for _, d := range accounts {
		if err := ensure(ctx, "http://"+o.PaymentAddr+"/accounts/"+d.key, token, fmt.Sprintf(`{"balance_cents":%d}`, d.n)); err != nil {
			return err
		}
	}
	return nil
}

func ensure(ctx context.Context, url, token, body string) error {
	switch s := status(ctx, http.MethodGet, url, token, nil); s {
	case http.StatusOK:
		return nil
	case http.StatusNotFound:
		if s := status(ctx, http.MethodPut, url, token, []byte(body)); s != http.StatusOK {
			return fmt.Errorf("PUT %s: status %d", url, s)
		}
		return nil
	default:
		return fmt.Errorf("GET %s: status %d", url, s)
	}
}

// status sends one request, with the bearer token if any, and returns its
// status, 0 when none came.
func status(ctx context.Context, method, url, token string, body []byte) int {
	req, err := http.NewRequestWithContext(ctx, method, url, bytes.NewReader(body))
	if err != nil {
		return 0
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := client.Do(req)
	if err != nil {
		return 0
	}
	_ = resp.Body.Close()
	return resp.StatusCode
}
