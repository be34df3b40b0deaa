// Package migrate applies the engine's tables to a PostgreSQL schema as
// numbered, embedded SQL migrations.
//
// The files in migrations/ are numbered (0001_messaging.sql,
// 0002_engine.sql, 0003_barrier.sql, ...) and name their tables without a
// schema. A Set picks the files one kind of service needs:
//
//   - Orchestrator: the messaging tables (outbox with its lease and the
//     trigger that wakes the relay, inbox), the engine's (sagas,
//     saga_history, saga_definitions) and the index the saga retention
//     purges through (sagas_finished);
//   - Participant: the messaging tables, the barrier and the index its
//     retention prunes through (barrier_updated_at).
//
// Migrate applies each migration of a set that the schema has not recorded,
// in its own transaction with the search_path set to the schema, and
// records it in that schema's schema_migrations (version, name,
// applied_at). Each transaction holds an advisory lock on the schema, so
// services starting together may all call Migrate.
//
// The migrations are written so that applying one again changes nothing
// (CREATE ... IF NOT EXISTS, ADD COLUMN IF NOT EXISTS, CREATE OR REPLACE
// with the same body). A database made by the repository's schema.sql is
// therefore recognised: Migrate runs every migration as a no-op and records
// it. schema.sql stays the one-file way to make every table of the example;
// a test keeps it equal, catalog for catalog, to these migrations plus the
// example's own table files (orders in orchestrator/orderstore/orderpg,
// stock and reservations in participants/inventory/inventorypg, accounts
// and payments in participants/payment/paymentpg), which an application
// applies after the engine's migrations.
//
// A migration is never edited once released: a change to the engine's
// tables is a new file, added to the sets that need it, and the same change
// in schema.sql.
package migrate
