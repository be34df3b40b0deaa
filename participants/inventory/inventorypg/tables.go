package inventorypg

import _ "embed"

// Tables is the SQL of the inventory's tables (stock, reservations),
// idempotent and unqualified, for its schema after the engine's migrations:
//
//	migrate.Migrate(ctx, pool, "inventory", migrate.Participant)
//	migrate.Apply(ctx, pool, "inventory", inventorypg.Tables)
//
//go:embed tables.sql
var Tables string
