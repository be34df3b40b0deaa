// Package pg is the PostgreSQL driver of the engine's shared stores: the
// outbox (writer and relay source, woken by LISTEN/NOTIFY), the inbox and
// the barrier, plus the connection and transaction helpers the services'
// own stores build on.
//
// Every service connects with search_path set to its own schema, so the same
// SQL serves the orchestrator, inventory and payment tables.
package pg
