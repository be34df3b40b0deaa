// Package inventorytest is the conformance suite of inventory.Store. Every
// driver runs RunStore in its tests; the suite checks the model's rules
// (all-or-nothing reservations, aggregated SKUs, idempotent release,
// rollback) through the interface alone, plus the SDK's messaging suite.
package inventorytest
