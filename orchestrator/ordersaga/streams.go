package ordersaga

// Logical streams of the order saga (the installation's STREAM_PREFIX is
// added to each). The engine's own reply stream and the outbox's
// dead-letter stream are stream.OrchestratorReply and stream.Outbox.
const (
	// EventsStream carries OrderCreated, which starts the saga, and
	// OrderApproved and OrderRejected for anyone who listens.
	EventsStream = "orders.events"
	// InventoryCommands is the inventory participant's command stream.
	InventoryCommands = "inventory.commands"
	// PaymentCommands is the payment participant's command stream.
	PaymentCommands = "payment.commands"
)
