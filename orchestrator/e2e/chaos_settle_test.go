package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"time"
)

// getJSON GETs url with the client's HTTP client into out and returns the
// status; errors are returned, not fatal, so a caller can poll through them.
func (c *chaosClient) getJSON(ctx context.Context, url string, out any) (int, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return 0, err
	}
	resp, err := c.http.Do(req)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	if resp.StatusCode == http.StatusOK && out != nil {
		if err := json.NewDecoder(resp.Body).Decode(out); err != nil {
			return resp.StatusCode, fmt.Errorf("decoding %s: %w", url, err)
		}
	}
	return resp.StatusCode, nil
}

// settled is the outcome of waiting for the orders.
type settled struct {
	orders  map[string]order // by order id, the last view of each order
	pending []*chaosOrder    // orders still PENDING (or unreadable) at the deadline
	took    time.Duration    // from the start of the wait until the last order settled
	at      time.Time        // when the wait ended
	lastErr error            // the last error reading an order, if any
}

// settleAll polls the orders still PENDING, through the orchestrators in
// turn, until none is left or within has passed.
func (c *chaosClient) settleAll(orders []*chaosOrder, within time.Duration) settled {
	ctx, cancel := context.WithTimeout(context.Background(), within)
	defer cancel()
	start := time.Now()
	res := settled{orders: map[string]order{}}
	todo := acceptedOrders(orders)
	for round := 0; ; round++ {
		todo = c.pollOnce(ctx, todo, round, &res)
		if len(todo) == 0 || ctx.Err() != nil {
			break
		}
		sleepOrDone(ctx, 250*time.Millisecond)
	}
	res.pending, res.took, res.at = todo, time.Since(start), time.Now()
	return res
}

func (c *chaosClient) pollOnce(ctx context.Context, todo []*chaosOrder, round int, res *settled) []*chaosOrder {
	var still []*chaosOrder
	for i, o := range todo {
		var v order
		orch := c.orchs[(round+i)%len(c.orchs)]
		status, err := c.getJSON(ctx, orch.url("/orders/"+o.placed.OrderID), &v)
		if err == nil && status != http.StatusOK {
			err = fmt.Errorf("GET /orders/%s on %s: HTTP %d", o.placed.OrderID, orch.name, status)
		}
		if err != nil && ctx.Err() == nil {
			res.lastErr = err
		} else if err == nil {
			res.orders[o.placed.OrderID] = v
		}
		if err != nil || v.Status == "PENDING" {
			still = append(still, o)
		}
	}
	return still
}

// acceptedOrders lists the orders an orchestrator accepted.
func acceptedOrders(orders []*chaosOrder) []*chaosOrder {
	var out []*chaosOrder
	for _, o := range orders {
		if o.placed.OrderID != "" {
			out = append(out, o)
		}
	}
	return out
}
