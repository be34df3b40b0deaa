package orders

import (
	"fmt"
	"math"
	"net/http"
	"strings"

	"github.com/streamsaga/streamsaga/orchestrator/ordersaga"
	"github.com/streamsaga/streamsaga/saga/httpx"
)

// Limits on an order.
const (
	MaxItems      = 1000
	MaxIDLength   = 200
	MaxQuantity   = 1_000_000
	MaxUnitPrice  = 1_000_000_000_00
	MaxKeyLength  = httpx.MaxIdempotencyKeyLength
	unprocessable = http.StatusUnprocessableEntity
)

// PlaceRequest is the body of POST /orders.
type PlaceRequest struct {
	CustomerID string           `json:"customer_id"`
	Items      []ordersaga.Item `json:"items"`
}

// Validate checks the values and returns the order total. It runs before
// the order joins a shared transaction, so that no value the database
// would refuse can fail the orders placed with it.
func (p *PlaceRequest) Validate() (int64, error) {
	if err := checkID("customer_id", p.CustomerID); err != nil {
		return 0, err
	}
	if len(p.Items) == 0 {
		return 0, httpx.Errorf(unprocessable, "items: an order needs at least one item")
	}
	if len(p.Items) > MaxItems {
		return 0, httpx.Errorf(unprocessable, "items: at most %d items per order", MaxItems)
	}
	var total int64
	for i, it := range p.Items {
		if err := checkItem(i, it); err != nil {
			return 0, err
		}
		line := it.Quantity * it.UnitPriceCents
		if total > math.MaxInt64-line {
			return 0, httpx.Errorf(unprocessable, "items: order total is too large")
		}
		total += line
	}
	return total, nil
}

func checkItem(i int, it ordersaga.Item) error {
	if err := checkID(fmt.Sprintf("items[%d].sku", i), it.SKU); err != nil {
		return err
	}
	if it.Quantity <= 0 || it.Quantity > MaxQuantity {
		return httpx.Errorf(unprocessable, "items[%d].quantity must be between 1 and %d", i, MaxQuantity)
	}
	if it.UnitPriceCents < 0 || it.UnitPriceCents > MaxUnitPrice {
		return httpx.Errorf(unprocessable, "items[%d].unit_price_cents must be between 0 and %d", i, MaxUnitPrice)
	}
	return nil
}

// checkID refuses an id that is blank, too long, or not text a database
// column holds (invalid UTF-8, NUL).
func checkID(field, v string) error {
	if err := httpx.CheckText(field, v); err != nil {
		return err
	}
	if strings.TrimSpace(v) == "" {
		return httpx.Errorf(unprocessable, "%s is required", field)
	}
	if len(v) > MaxIDLength {
		return httpx.Errorf(unprocessable, "%s is longer than %d characters", field, MaxIDLength)
	}
	return nil
}

// CheckKey refuses (400) an Idempotency-Key that is too long or not text a
// database column holds: POST /orders takes the keys POST /sagas takes.
func CheckKey(key string) error { return httpx.CheckIdempotencyKey(key) }
