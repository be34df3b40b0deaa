// Package pgdriver is the PostgreSQL driver of the engine's store
// (driver.Store and driver.Tx). It connects with search_path=orchestrator
// and shares the outbox and inbox implementation of saga/pg.
//
// An application with tables of its own in the same schema writes them in
// the engine's transactions: Unwrap gives the pgx transaction under an
// engine transaction, and Wrap is the engine's view of a transaction the
// application began itself.
//
// The timer's claim of due sagas reads sagas_due from a low-water mark the
// Store keeps (pg.LowWater), so that deadlines moved or cleared since the
// last vacuum are not walked at every pass; a transaction given to Wrap
// has no mark and reads from the earliest deadline.
package pgdriver
