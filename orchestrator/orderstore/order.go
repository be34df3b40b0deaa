package orderstore

import (
	"time"

	"github.com/streamsaga/streamsaga/orchestrator/ordersaga"
)

// OrderStatus is the status of an order.
type OrderStatus string

// Order statuses.
const (
	OrderPending  OrderStatus = "PENDING"
	OrderApproved OrderStatus = "APPROVED"
	OrderRejected OrderStatus = "REJECTED"
)

// Order is an order as stored.
type Order struct {
	ID             string
	CustomerID     string
	Items          []ordersaga.Item
	TotalCents     int64
	Status         OrderStatus
	SagaID         string
	Reason         string
	IdempotencyKey string
	RequestHash    string
	CreatedAt      time.Time
	UpdatedAt      time.Time
}

// OrderOutcome is the final status of an order and why.
type OrderOutcome struct {
	ID string
	// SagaID, when set, is the saga the outcome comes from: the order is
	// changed only if that saga is the one it started.
	SagaID string
	Status OrderStatus
	Reason string
}

// ByKey indexes orders by key(order); of two with one key the later wins.
func ByKey(orders []Order, key func(Order) string) map[string]Order {
	found := make(map[string]Order, len(orders))
	for _, o := range orders {
		found[key(o)] = o
	}
	return found
}

// IdempotencyKeyOf is an order's idempotency key, a key ByKey indexes by.
func IdempotencyKeyOf(o Order) string { return o.IdempotencyKey }

// SagaIDOf is an order's saga id.
func SagaIDOf(o Order) string { return o.SagaID }
