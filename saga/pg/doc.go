// Package pg is the PostgreSQL driver of the engine's shared stores: the
// outbox (writer, relay source woken by LISTEN/NOTIFY, and the hand-over
// of committed messages to a courier), the inbox and the barrier, plus the
// connection and transaction helpers the services' own stores build on.
//
// A DB (NewDB) is a pool with the dispatcher its transactions hand their
// committed messages to: a courier set with DBConfig.Dispatcher or
// DB.PublishAfterCommit reaches only the stores built over that DB, never
// another DB over the same pool nor InTx on the bare pool.
//
// A Backend (NewBackend) is a service's database as backend.DB: relay
// source, inbox pruner, barrier pruner (participants), health check, and
// a courier hooked into its DB, the one the service builds its stores over.
//
// Every service connects with search_path set to its own schema, so the same
// SQL serves the orchestrator, inventory and payment tables.
//
// A LowWater keeps a claim that reads a queue-like index in order (the
// relay's, and the engine's timer and the order sweeper over this package)
// from walking the entries that rows deleted or updated leave behind until
// a vacuum: passes read from a sample of the lowest live value at least
// 10 s old, once a minute from one at least 5 minutes old, and once an hour
// from the start.
package pg
