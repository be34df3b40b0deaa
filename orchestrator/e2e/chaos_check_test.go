package e2e

import (
	"context"
	"fmt"
	"net/http"
	"time"
)

// Invariant names, as the design states them.
const (
	ruleOutcome = "1. every order APPROVED or REJECTED, its saga COMPLETED or COMPENSATED"
	ruleStock   = "2. per SKU: initial = available + reserved, reserved = units of APPROVED orders"
	ruleMoney   = "3. per customer: initial = balance + totals of APPROVED orders"
	ruleCharge  = "3. no order charged twice; payments match APPROVED orders"
	ruleOrders  = "placement retries with one Idempotency-Key store one order"
)

// chaosRun is the workload of one chaos test and what came of it.
type chaosRun struct {
	stock, balances map[string]int64
	orders          []*chaosOrder
	settled         settled
	approved        int
	rejected        int
}

// checkOutcomes asserts invariant 1 for every accepted order and tallies
// the approved orders' units and totals for the stock and money checks.
func (r *chaosRun) checkOutcomes(c *chaosClient, v *violations) (units, spent map[string]int64) {
	units, spent = map[string]int64{}, map[string]int64{}
	for _, po := range r.orders {
		o, ok := r.settled.orders[po.placed.OrderID]
		if !ok || o.Status == "PENDING" {
			continue // reported with the stuck orders
		}
		sagaState := r.sagaState(c, o.SagaID)
		switch {
		case o.Status == "APPROVED" && sagaState == "COMPLETED":
			r.approved++
			spent[o.CustomerID] += po.total
			for _, it := range po.items {
				units[it.SKU] += it.Quantity
			}
		case o.Status == "REJECTED" && sagaState == "COMPENSATED":
			r.rejected++
		default:
			v.add(ruleOutcome, "order %s (%s): order %s but saga %s %s", o.OrderID, po.key, o.Status, o.SagaID, sagaState)
		}
		if o.TotalCents != po.total || o.CustomerID != po.customer {
			v.add(ruleOutcome, "order %s (%s): stored as %s/%d, placed as %s/%d", o.OrderID, po.key, o.CustomerID, o.TotalCents, po.customer, po.total)
		}
		if po.customer == noAccountCustomer && o.Status != "REJECTED" {
			v.add(ruleMoney, "order %s of a customer without an account is %s", o.OrderID, o.Status)
		}
	}
	return units, spent
}

func (r *chaosRun) sagaState(c *chaosClient, sagaID string) string {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	var sv sagaView
	status, err := c.getJSON(ctx, c.orchs[0].url("/sagas/"+sagaID), &sv)
	switch {
	case err != nil:
		return "unreadable: " + err.Error()
	case status != http.StatusOK:
		return "unreadable: HTTP " + http.StatusText(status)
	}
	return sv.State
}

// checkStock asserts invariant 2 through the inventory API.
func (r *chaosRun) checkStock(c *chaosClient, inv *proc, units map[string]int64, v *violations) {
	for sku, initial := range r.stock {
		var st stock
		if err := c.getOK(inv.url("/stock/"+sku), &st); err != nil {
			v.add(ruleStock, "sku %s: %v", sku, err)
			continue
		}
		if st.Available+st.Reserved != initial {
			v.add(ruleStock, "sku %s: initial %d != available %d + reserved %d", sku, initial, st.Available, st.Reserved)
		}
		if st.Reserved != units[sku] {
			v.add(ruleStock, "sku %s: reserved %d != %d units in APPROVED orders%s", sku, st.Reserved, units[sku], r.pendingUnits(sku))
		}
	}
}

// pendingUnits notes how many units of sku orders still PENDING asked for.
func (r *chaosRun) pendingUnits(sku string) string {
	var n int64
	for _, po := range r.settled.pending {
		for _, it := range po.items {
			if it.SKU == sku {
				n += it.Quantity
			}
		}
	}
	if n == 0 {
		return ""
	}
	return fmt.Sprintf(" (orders still PENDING asked for %d units of it)", n)
}

// checkMoney asserts invariant 3 through the payment API.
func (r *chaosRun) checkMoney(c *chaosClient, pay *proc, spent map[string]int64, v *violations) {
	for cust, initial := range r.balances {
		var acc struct {
			BalanceCents int64 `json:"balance_cents"`
		}
		if err := c.getOK(pay.url("/accounts/"+cust), &acc); err != nil {
			v.add(ruleMoney, "customer %s: %v", cust, err)
			continue
		}
		if acc.BalanceCents+spent[cust] != initial {
			v.add(ruleMoney, "customer %s: initial %d != balance %d + APPROVED totals %d (off by %d)",
				cust, initial, acc.BalanceCents, spent[cust], initial-acc.BalanceCents-spent[cust])
		}
	}
}

// getOK GETs url into out and fails unless the answer is 200.
func (c *chaosClient) getOK(url string, out any) error {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	status, err := c.getJSON(ctx, url, out)
	if err == nil && status != http.StatusOK {
		err = &httpStatusError{url: url, status: status}
	}
	return err
}

type httpStatusError struct {
	url    string
	status int
}

func (e *httpStatusError) Error() string { return "GET " + e.url + ": " + http.StatusText(e.status) }
