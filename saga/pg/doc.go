// Package pg is the PostgreSQL driver of the engine's shared stores: the
// outbox (writer, relay source woken by LISTEN/NOTIFY, and the hand-over
// of committed messages to a courier: PublishAfterCommit), the inbox and
// the barrier, plus the connection and transaction helpers the services'
// own stores build on.
//
// Every service connects with search_path set to its own schema, so the same
// SQL serves the orchestrator, inventory and payment tables.
package pg
