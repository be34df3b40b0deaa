// Package pgdriver is the PostgreSQL driver of the orchestrator's store. It
// connects with search_path=orchestrator and shares the outbox and inbox
// implementation of saga/pg.
package pgdriver
