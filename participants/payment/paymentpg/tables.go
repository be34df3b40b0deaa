package paymentpg

import _ "embed"

// Tables is the SQL of the payment service's tables (accounts, payments),
// idempotent and unqualified, for its schema after the engine's migrations:
//
//	migrate.Migrate(ctx, pool, "payment", migrate.Participant)
//	migrate.Apply(ctx, pool, "payment", paymentpg.Tables)
//
//go:embed tables.sql
var Tables string
