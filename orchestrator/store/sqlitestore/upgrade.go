package sqlitestore

import (
	"context"
	"fmt"

	"github.com/streamsaga/streamsaga/saga/sqlite"
)

// upgrade adds the columns an older file lacks (addColumns), then the
// indexes on them.
func upgrade(ctx context.Context, db *sqlite.DB) error {
	if err := addColumns(ctx, db.SQL); err != nil {
		return err
	}
	_, err := db.SQL.ExecContext(ctx, `CREATE INDEX IF NOT EXISTS sagas_parked ON sagas (id) WHERE parked <> ''`)
	if err != nil {
		return fmt.Errorf("creating index sagas_parked: %w", err)
	}
	return nil
}
