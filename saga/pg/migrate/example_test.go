package migrate_test

import (
	"context"
	"fmt"
	"log"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/streamsaga/streamsaga/saga/pg/migrate"
)

// appTables are an application's own tables, idempotent and unqualified
// (the example's are orderpg.Tables, inventorypg.Tables and
// paymentpg.Tables).
const appTables = `CREATE TABLE IF NOT EXISTS orders (
  id     uuid PRIMARY KEY,
  status text NOT NULL DEFAULT 'PENDING'
)`

// Each service brings its schema up to date at start: the engine's tables
// first, then the application's own. Services starting together may all do
// so; each migration is applied once.
func ExampleMigrate() {
	ctx := context.Background()
	pool, err := pgxpool.New(ctx, "postgres://postgres@127.0.0.1:5432/streamsaga?sslmode=disable")
	if err != nil {
		log.Fatal(err)
	}
	defer pool.Close()

	// The orchestrator: outbox, inbox, sagas, saga_history, saga_definitions,
	// then the application's tables.
	applied, err := migrate.Migrate(ctx, pool, "orchestrator", migrate.Orchestrator)
	if err != nil {
		log.Fatal(err) // "applying migration 0002_engine to schema orchestrator: ..."
	}
	fmt.Println("applied", applied) // [1 2] the first time, [] after
	if err := migrate.Apply(ctx, pool, "orchestrator", appTables); err != nil {
		log.Fatal(err)
	}

	// A participant: outbox, inbox and barrier (its business tables follow
	// the same way).
	if _, err := migrate.Migrate(ctx, pool, "inventory", migrate.Participant); err != nil {
		log.Fatal(err)
	}
}
