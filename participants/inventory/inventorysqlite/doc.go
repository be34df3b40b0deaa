// Package inventorysqlite is the embedded SQLite driver of the inventory:
// it implements inventory.Store over one database file of saga/sqlite (its
// transactions and ping come from sdksqlite), and inventory.Tx over one
// transaction, with the outbox, inbox and barrier of saga/sqlite. Open
// opens the file and creates the stock and reservations tables.
//
// Every write transaction is BEGIN IMMEDIATE and so holds the database's
// write lock from its start: where the PostgreSQL driver locks the stock
// rows of an order with SELECT ... FOR UPDATE, Reserve reads them with a
// plain SELECT, and concurrent reservations and releases simply take turns
// (they can neither oversell nor deadlock). SQLite has no data-modifying
// CTEs, so Reserve and Release each take two statements where the
// PostgreSQL driver takes one; the order's lines travel as one JSON
// parameter read with json_each instead of unnest'ed arrays.
package inventorysqlite
