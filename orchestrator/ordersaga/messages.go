package ordersaga

// Saga type of the order saga.
const SagaType = "order"

// Event types on orders.events.
const (
	OrderCreated  = "OrderCreated"
	OrderApproved = "OrderApproved"
	OrderRejected = "OrderRejected"
)

// Commands and replies of the inventory participant.
const (
	ReserveInventory           = "ReserveInventory"
	InventoryReserved          = "InventoryReserved"
	InventoryReservationFailed = "InventoryReservationFailed"
	ReleaseInventory           = "ReleaseInventory"
	InventoryReleased          = "InventoryReleased"
)

// Commands and replies of the payment participant.
const (
	ProcessPayment   = "ProcessPayment"
	PaymentProcessed = "PaymentProcessed"
	PaymentFailed    = "PaymentFailed"
	RefundPayment    = "RefundPayment"
	PaymentRefunded  = "PaymentRefunded"
)

// Item is one line of an order.
type Item struct {
	SKU            string `json:"sku"`
	Quantity       int64  `json:"quantity"`
	UnitPriceCents int64  `json:"unit_price_cents"`
}

// Data is the saga's data: the order as placed. OrderCreated carries it.
type Data struct {
	OrderID    string `json:"order_id"`
	CustomerID string `json:"customer_id"`
	Items      []Item `json:"items"`
	TotalCents int64  `json:"total_cents"`
}

// ReserveInventoryData is the data of ReserveInventory.
type ReserveInventoryData struct {
	OrderID string        `json:"order_id"`
	Items   []ReserveItem `json:"items"`
}

// ReserveItem is one SKU and quantity to reserve.
type ReserveItem struct {
	SKU      string `json:"sku"`
	Quantity int64  `json:"quantity"`
}

// OrderRef is the data of ReleaseInventory.
type OrderRef struct {
	OrderID string `json:"order_id"`
}

// PaymentData is the data of ProcessPayment and RefundPayment.
type PaymentData struct {
	OrderID     string `json:"order_id"`
	CustomerID  string `json:"customer_id"`
	AmountCents int64  `json:"amount_cents"`
}

// OutcomeData is the data of OrderApproved and OrderRejected.
type OutcomeData struct {
	OrderID    string `json:"order_id"`
	SagaID     string `json:"saga_id"`
	CustomerID string `json:"customer_id"`
	TotalCents int64  `json:"total_cents"`
	Reason     string `json:"reason,omitempty"`
}
