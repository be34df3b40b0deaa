// Package pgdriver is the PostgreSQL driver of the engine's store
// (driver.Store and driver.Tx). It connects with search_path=orchestrator
// and shares the outbox and inbox implementation of saga/pg.
//
// An application with tables of its own in the same schema writes them in
// the engine's transactions: Unwrap gives the pgx transaction under an
// engine transaction, and Wrap is the engine's view of a transaction the
// application began itself.
package pgdriver
