package sqlite

import (
	"context"
	"database/sql"
	"fmt"
)

// AddColumn adds the column def ("name type constraints") to table unless
// the table has it already: SQLite has no ADD COLUMN IF NOT EXISTS, and a
// file made before the column existed gets it this way when it is opened.
// Another process adding it at the same time is no error: the column is
// checked again after a failed add.
func AddColumn(ctx context.Context, db *sql.DB, table, def string) error {
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
