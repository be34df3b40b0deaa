// Package driver is the contract between the saga engine and its
// database: Store (reads, and InTx to open a transaction) and Tx, the
// transactional unit that a saga's state change, its history and its
// outgoing messages share. A driver implements both; pgdriver (PostgreSQL)
// and sqlitedriver (embedded SQLite) are the two that ship, and drivertest
// is the conformance suite every driver must pass (RunDriver: the store,
// the outbox and inbox in the driver's transactions, and the database's
// relay source, courier, pruning and health check). A Tx may also offer
// optional capabilities the engine uses when it finds them (ReplyLoader,
// FreshMarker, FreshCreator), each with a conformance case that a driver
// without it skips.
package driver
