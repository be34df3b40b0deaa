// Package inventorypg is the PostgreSQL driver of the inventory: it
// implements inventory.Store over a pgx pool whose search_path is the
// inventory schema (its transactions and ping come from sdkpg), and
// inventory.Tx over one transaction, with the outbox, inbox and barrier of
// saga/pg.
//
// Reserve locks the stock rows of an order in SKU order (SELECT ... FOR
// UPDATE ORDER BY sku), so concurrent reservations and releases never
// deadlock, and moves the units in one statement.
package inventorypg
