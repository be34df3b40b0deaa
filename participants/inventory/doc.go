// Package inventory is the inventory participant: it reserves stock for an
// order, all or nothing, and releases the reservation when the saga
// compensates.
//
// The package holds the service's logic and HTTP API against two small
// interfaces, Store and Tx; drivers implement them (inventorypg for
// PostgreSQL) and must pass the conformance suite in inventorytest.
//
// Commands (on the inventory.commands stream) and their replies:
//
//	ReserveInventory {"order_id", "items": [{"sku", "quantity"}]}
//	  -> InventoryReserved {"order_id"} | InventoryReservationFailed (error.message = reason)
//	ReleaseInventory {"order_id"}   (the reservation is keyed by saga id)
//	  -> InventoryReleased
//
// HTTP: PUT /stock/{sku} {"available": 10}, GET /stock/{sku} ->
// {"sku", "available", "reserved"}, GET /healthz; served by package
// resource from the description Resource returns.
package inventory
