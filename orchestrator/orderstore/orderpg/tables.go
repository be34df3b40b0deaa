package orderpg

import _ "embed"

// Tables is the SQL of the order app's tables (orders), idempotent and
// unqualified, for the orchestrator's schema after the engine's migrations:
//
//	migrate.Migrate(ctx, pool, "orchestrator", migrate.Orchestrator)
//	migrate.Apply(ctx, pool, "orchestrator", orderpg.Tables)
//
//go:embed tables.sql
var Tables string
