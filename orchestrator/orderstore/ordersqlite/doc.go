// Package ordersqlite is the embedded SQLite order store: orderstore.Store
// over the orchestrator's database file, the one sqlitedriver keeps the
// engine's tables in. CreateTables adds the order app's table (DDL) to a
// file; Open opens the orchestrator's file with the engine's tables and
// this one. Reads run on the file's handle; From runs the order statements
// in an engine transaction of sqlitedriver, through the *sql.Tx
// sqlitedriver.Unwrap finds under it, so an order and the saga rows and
// outbox messages that go with it commit together.
//
// Storage and locking follow sqlitedriver: ids are UUID text in canonical
// lower-case form, items are JSON text, times are INTEGER microseconds
// since the Unix epoch, and ClaimStalledOrders is a plain select (the
// transaction holds the database's write lock from BEGIN, so no other can
// claim the same orders until it ends). It reads the engine's sagas table
// to tell which orders never started their saga.
package ordersqlite
