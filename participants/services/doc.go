// Package services describes the inventory and payment participants as
// host services: their commands run their processes on PostgreSQL
// (Inventory, Payment), and the orchestrator's dev mode runs them in its
// own over the stores it picks for its databases (InventoryWith,
// PaymentWith), so that a process on PostgreSQL links no other driver.
package services
