package sqlitedriver

import (
	"context"
	"database/sql"
	"fmt"
)

// ResendsColumn is the orders column that counts how often the sweeper
// wrote an order's OrderCreated again. Files made before it existed get it
// when they are opened (addColumns).
const ResendsColumn = `resends         INTEGER NOT NULL DEFAULT 0`

// IgnoredRepliesColumn is the sagas column that counts the replies a saga
// ignored.
const IgnoredRepliesColumn = `ignored_replies INTEGER NOT NULL DEFAULT 0`

// sagaKeyColumn and sagaRequestHashColumn are the sagas columns that keep
// the Idempotency-Key a saga was started with and the hash of its request.
// The unique index on the key is made by upgrade, once the column exists.
const (
	sagaKeyColumn         = `idempotency_key TEXT`
	sagaRequestHashColumn = `request_hash   TEXT NOT NULL DEFAULT ''`
)

// addedColumns are the columns added to tables after their first release:
// table and column definition.
var addedColumns = [][2]string{
	{"orders", ResendsColumn},
	{"sagas", IgnoredRepliesColumn},
	{"sagas", "definition_version INTEGER NOT NULL DEFAULT 1"},
	{"sagas", "parked TEXT NOT NULL DEFAULT ''"},
	{"sagas", sagaKeyColumn},
	{"sagas", sagaRequestHashColumn},
}

// addColumns adds every column of addedColumns that a table lacks (SQLite
// has no ADD COLUMN IF NOT EXISTS). Another process adding it at the same
// time is no error: the column is checked again after a failed add.
func addColumns(ctx context.Context, db *sql.DB) error {
	for _, c := range addedColumns {
		if err := addColumn(ctx, db, c[0], c[1]); err != nil {
			return err
		}
	}
	return nil
}

func addColumn(ctx context.Context, db *sql.DB, table, def string) error {
	var name string
	if _, err := fmt.Sscan(def, &name); err != nil {
		return fmt.Errorf("reading the column name of %q: %w", def, err)
	}
	has, err := hasColumn(ctx, db, table, name)
	if err != nil || has {
		return err
	}
	_, addErr := db.ExecContext(ctx, "ALTER TABLE "+table+" ADD COLUMN "+def)
	if addErr == nil {
		return nil
	}
	if has, err := hasColumn(ctx, db, table, name); err == nil && has {
		return nil
	}
	return fmt.Errorf("adding column %s to %s: %w", name, table, addErr)
}

func hasColumn(ctx context.Context, db *sql.DB, table, name string) (bool, error) {
	var n int
	err := db.QueryRowContext(ctx, `SELECT count(*) FROM pragma_table_info(?1) WHERE name = ?2`, table, name).Scan(&n)
	if err != nil {
		return false, fmt.Errorf("reading the columns of %s: %w", table, err)
	}
	return n > 0, nil
}
