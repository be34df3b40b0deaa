package api

import (
	"github.com/streamsaga/streamsaga/orchestrator/ordersaga"
	"github.com/streamsaga/streamsaga/orchestrator/orderstore"
	"github.com/streamsaga/streamsaga/saga/httpx"
)

// PlacedView is the answer to POST /orders.
type PlacedView struct {
	OrderID string `json:"order_id"`
	SagaID  string `json:"saga_id"`
	Status  string `json:"status"`
}

// OrderView is the answer to GET /orders/{id}.
type OrderView struct {
	OrderID    string           `json:"order_id"`
	CustomerID string           `json:"customer_id"`
	Status     string           `json:"status"`
	TotalCents int64            `json:"total_cents"`
	SagaID     string           `json:"saga_id"`
	Reason     string           `json:"reason"`
	Items      []ordersaga.Item `json:"items"`
	CreatedAt  httpx.Time       `json:"created_at"`
	UpdatedAt  httpx.Time       `json:"updated_at"`
}

func orderView(o orderstore.Order) OrderView {
	return OrderView{OrderID: o.ID, CustomerID: o.CustomerID, Status: string(o.Status), TotalCents: o.TotalCents,
		SagaID: o.SagaID, Reason: o.Reason, Items: o.Items, CreatedAt: httpx.Time(o.CreatedAt), UpdatedAt: httpx.Time(o.UpdatedAt)}
}
