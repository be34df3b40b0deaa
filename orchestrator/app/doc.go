// Package app wires the orchestrator process: Postgres pool, Redis client,
// store, runner, the consumers of orders.events and orchestrator.replies,
// the outbox relay and the HTTP server, behind one Start/Stop lifecycle.
package app
