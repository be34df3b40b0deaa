package pgdriver

import _ "embed"

// OrderTables is the SQL of the order app's tables (orders), idempotent and
// unqualified, for the orchestrator's schema after the engine's migrations:
//
//	migrate.Migrate(ctx, pool, "orchestrator", migrate.Orchestrator)
//	migrate.Apply(ctx, pool, "orchestrator", pgdriver.OrderTables)
//
//go:embed order_tables.sql
var OrderTables string
