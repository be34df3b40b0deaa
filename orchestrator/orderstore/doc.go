// Package orderstore is the order application's storage contract: its
// types (Order, OrderStatus, OrderOutcome), Reader for reads outside a
// transaction and Tx for the order tables inside one. The saga engine knows
// nothing of orders; an order's row and the saga, history and outbox rows
// that go with it still commit together, because an order transaction is a
// view of the engine's: Store.From takes the driver.Tx that driver.Store's
// InTx (or a runner's finish hook) hands over and runs the order statements
// in that same transaction.
//
// orderpg (PostgreSQL) and ordersqlite (embedded SQLite) implement it over
// the engine drivers pgdriver and sqlitedriver, whose Unwrap gives them the
// transaction underneath; orderstoretest is the suite both pass.
package orderstore
