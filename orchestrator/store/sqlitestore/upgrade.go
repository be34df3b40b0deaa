package sqlitestore

import (
	"context"
	"fmt"

	"github.com/streamsaga/streamsaga/saga/sqlite"
)

// addedColumns are the columns added to tables after their first release:
// a file created before has them added at open.
var addedColumns = []struct{ table, column, decl string }{
	{"sagas", "definition_version", "INTEGER NOT NULL DEFAULT 1"},
	{"sagas", "parked", "TEXT NOT NULL DEFAULT ''"},
}

// upgrade adds the columns an older file lacks, then the indexes on them.
func upgrade(ctx context.Context, db *sqlite.DB) error {
	for _, c := range addedColumns {
		var n int
		err := db.SQL.QueryRowContext(ctx, `SELECT count(*) FROM pragma_table_info(?1) WHERE name = ?2`, c.table, c.column).Scan(&n)
		if err != nil {
			return fmt.Errorf("reading the columns of %s: %w", c.table, err)
		}
		if n > 0 {
			continue
		}
		if _, err := db.SQL.ExecContext(ctx, "ALTER TABLE "+c.table+" ADD COLUMN "+c.column+" "+c.decl); err != nil {
			return fmt.Errorf("adding column %s to %s: %w", c.column, c.table, err)
		}
	}
	_, err := db.SQL.ExecContext(ctx, `CREATE INDEX IF NOT EXISTS sagas_parked ON sagas (id) WHERE parked <> ''`)
	if err != nil {
		return fmt.Errorf("creating index sagas_parked: %w", err)
	}
	return nil
}
