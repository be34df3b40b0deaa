package loadgen

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"math"
	"strings"

	"github.com/streamsaga/streamsaga/orchestrator/ordersaga"
)

// Stock and money a run sets up: far more than any run can use, so orders
// fail only when asked to.
const (
	stockPerSKU         = 1_000_000_000
	balancePerCustomer  = 1_000_000_000_000
	unitPriceCents      = 100
	quantityPerOrderSKU = 1
)

// plan decides what each order of a run is. Names start with the run id so
// that runs never share stock or accounts.
type plan struct {
	runID       string
	skus        int
	customers   int
	rejectRatio float64
}

func newPlan(c Config) plan {
	return plan{runID: c.RunID, skus: c.SKUs, customers: c.Customers, rejectRatio: c.RejectRatio}
}

func newRunID() string {
	var b [4]byte
	_, _ = rand.Read(b[:])
	return "lg-" + hex.EncodeToString(b[:])
}

func (p plan) sku(i int) string      { return fmt.Sprintf("%s-sku-%03d", p.runID, i) }
func (p plan) customer(i int) string { return fmt.Sprintf("%s-c-%03d", p.runID, i) }

// nobody is the run's customer without an account: its orders are rejected.
func (p plan) nobody() string { return p.runID + "-nobody" }

// owns reports whether a customer id belongs to this run.
func (p plan) owns(customerID string) bool { return strings.HasPrefix(customerID, p.runID+"-") }

// rejected reports whether order n goes to the customer without an account.
// The rejected orders are spread evenly: of any k consecutive orders,
// k*ratio rounded down or up are rejected.
func (p plan) rejected(n int64) bool {
	r := p.rejectRatio
	return math.Floor(float64(n+1)*r) > math.Floor(float64(n)*r)
}

// order returns the body of order n (counted from 0).
func (p plan) order(n int64) placeRequest {
	customer := p.customer(int(n % int64(p.customers)))
	if p.rejected(n) {
		customer = p.nobody()
	}
	item := ordersaga.Item{SKU: p.sku(int(n % int64(p.skus))), Quantity: quantityPerOrderSKU, UnitPriceCents: unitPriceCents}
	return placeRequest{CustomerID: customer, Items: []ordersaga.Item{item}}
}

// placeRequest is the body of POST /orders.
type placeRequest struct {
	CustomerID string           `json:"customer_id"`
	Items      []ordersaga.Item `json:"items"`
}
