package ordersqlite

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/streamsaga/streamsaga/saga/driver/sqlitedriver"
	"github.com/streamsaga/streamsaga/saga/sqlite"
)

// ResendsColumn is the orders column that counts how often the sweeper
// wrote an order's OrderCreated again. Files made before it existed get it
// when their tables are created (CreateTables).
const ResendsColumn = `resends         INTEGER NOT NULL DEFAULT 0`

// DDL creates the order app's table: the SQLite form of the orders table of
// schema.sql, STRICT, with the same checks.
const DDL = `
CREATE TABLE IF NOT EXISTS orders (
  id              TEXT    NOT NULL PRIMARY KEY,
  customer_id     TEXT    NOT NULL CHECK (customer_id <> ''),
  items           TEXT    NOT NULL CHECK (json_valid(items)),
  total_cents     INTEGER NOT NULL CHECK (total_cents >= 0),
  status          TEXT    NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'APPROVED', 'REJECTED')),
  saga_id         TEXT    NOT NULL UNIQUE,
  reason          TEXT    NOT NULL DEFAULT '',
  idempotency_key TEXT    UNIQUE,
  request_hash    TEXT    NOT NULL DEFAULT '',
  created_at      INTEGER NOT NULL,
  ` + ResendsColumn + `,
  updated_at      INTEGER NOT NULL
) STRICT;
CREATE INDEX IF NOT EXISTS orders_pending ON orders (updated_at) WHERE status = 'PENDING';
`

// CreateTables creates the order app's table in db (idempotent) and adds
// the columns an older file lacks.
func CreateTables(ctx context.Context, db *sql.DB) error {
	if _, err := db.ExecContext(ctx, DDL); err != nil {
		return fmt.Errorf("creating the orders table: %w", err)
	}
	return sqlite.AddColumn(ctx, db, "orders", ResendsColumn)
}

// Open opens (creating if needed) the orchestrator's database file at path
// with the engine's tables (sqlitedriver.Open) and the order app's.
func Open(ctx context.Context, path string) (*sqlite.DB, error) {
	db, err := sqlitedriver.Open(ctx, path)
	if err != nil {
		return nil, err
	}
	if err := CreateTables(ctx, db.SQL); err != nil {
		_ = db.Close()
		return nil, fmt.Errorf("opening the order store: %w", err)
	}
	return db, nil
}
