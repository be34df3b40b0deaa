// Package host runs a participant process: it reads the environment, waits
// for PostgreSQL and Redis (one visible line per failed attempt, one clear
// line and a non-zero exit when they stay unreachable past STARTUP_TIMEOUT),
// then runs the service's stream consumer, its outbox relay and its HTTP
// server until SIGINT or SIGTERM, and stops them in reverse order. The
// server also serves the service's Prometheus metrics at GET /metrics
// (open like /healthz when API_TOKEN is set).
//
// CLAIM_MIN_IDLE sets how long an unacknowledged command waits before
// another consumer of the group takes it over. Every minute the service
// prunes its inbox (INBOX_RETENTION) and its barrier records last written
// longer ago than BarrierRetention: SAGA_RETENTION, never less than
// INBOX_RETENTION, none when SAGA_RETENTION is off.
//
// A service describes itself with a Service value; its Build function wires
// its store, participant and HTTP handler over the back ends host opened:
// on PostgreSQL, Deps.Postgres is the DB to build the store over, so that
// the courier publishes its messages right after commit.
// With Migrate and Tables set, Run builds the service's schema itself on
// every start (the engine's participant migrations, then the service's own
// idempotent SQL) before it checks for the tables; without them the schema
// must hold schema.sql's tables. A service that gives no HTTP handler gets
// one serving GET /healthz alone.
// The participant SDK does not depend on this package.
package host
