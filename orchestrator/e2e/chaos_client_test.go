package e2e

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"sync"
	"time"
)

// chaosOrder is one order of the chaos workload: what is placed under which
// idempotency key, and what the orchestrator that accepted it answered.
type chaosOrder struct {
	key      string
	customer string
	items    []item
	total    int64
	placed   placed
	via      string // the orchestrator that accepted it
	replayed bool   // accepted as a replay: an earlier attempt had committed
}

// chaosClient places orders the way a careful client does: on a connection
// error, a timeout or a 5xx it sends the same request with the same
// Idempotency-Key again, to the next orchestrator, until one accepts it.
type chaosClient struct {
	http  *http.Client
	orchs []*proc

	mu      sync.Mutex
	retries map[string]int // reason -> count
}

func newChaosClient(orchs []*proc) *chaosClient {
	tr := &http.Transport{MaxIdleConnsPerHost: 16}
	return &chaosClient{http: &http.Client{Transport: tr, Timeout: clientTimeout}, orchs: orchs, retries: map[string]int{}}
}

// clientTimeout is how long the client waits for an answer before it
// tries again; a paused orchestrator outlasts it.
const clientTimeout = 2 * time.Second

// errRetry marks an answer worth retrying.
type errRetry struct{ reason string }

func (e errRetry) Error() string { return e.reason }

// place sends o until it is accepted or ctx ends, starting with orchestrator
// first and moving to the next one after each failure.
func (c *chaosClient) place(ctx context.Context, o *chaosOrder, first int) error {
	var last error
	for attempt := 0; ctx.Err() == nil; attempt++ {
		orch := c.orchs[(first+attempt)%len(c.orchs)]
		err := c.placeOnce(ctx, orch, o)
		var retry errRetry
		if !errors.As(err, &retry) {
			return err
		}
		last = err
		c.countRetry(retry.reason)
		sleepOrDone(ctx, time.Duration(min(attempt+1, 10))*50*time.Millisecond)
	}
	return fmt.Errorf("order %s not accepted before the deadline; last error: %v", o.key, last)
}

func (c *chaosClient) placeOnce(ctx context.Context, orch *proc, o *chaosOrder) error {
	body, _ := json.Marshal(map[string]any{"customer_id": o.customer, "items": o.items})
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, orch.url("/orders"), bytes.NewReader(body))
	if err != nil {
		return err
	}
	req.Header.Set("Idempotency-Key", o.key)
	req.Header.Set("Content-Type", "application/json")
	resp, err := c.http.Do(req)
	if err != nil {
		return errRetry{reason: "no answer (connection refused/reset or timeout)"}
	}
	defer resp.Body.Close()
	switch {
	case resp.StatusCode >= 500:
		return errRetry{reason: fmt.Sprintf("HTTP %d", resp.StatusCode)}
	case resp.StatusCode != http.StatusAccepted && resp.StatusCode != http.StatusOK:
		var e struct{ Error string }
		_ = json.NewDecoder(resp.Body).Decode(&e)
		return fmt.Errorf("order %s: %s answered %d %q", o.key, orch.name, resp.StatusCode, e.Error)
	}
	if err := json.NewDecoder(resp.Body).Decode(&o.placed); err != nil {
		return errRetry{reason: "truncated answer"}
	}
	o.via, o.replayed = orch.name, resp.Header.Get("Idempotent-Replayed") == "true"
	return nil
}

func (c *chaosClient) countRetry(reason string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.retries[reason]++
}

// retryCounts returns the retries so far by reason, and their total.
func (c *chaosClient) retryCounts() (map[string]int, int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	out, total := map[string]int{}, 0
	for k, v := range c.retries {
		out[k], total = v, total+v
	}
	return out, total
}

func sleepOrDone(ctx context.Context, d time.Duration) {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
	case <-t.C:
	}
}
