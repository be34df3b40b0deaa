package sqlitedriver

import (
	"context"
	"fmt"

	"github.com/streamsaga/streamsaga/saga/sqlite"
)

// addedIndexes are the indexes on addedColumns: name and statement.
var addedIndexes = [][2]string{
	{"sagas_parked", `CREATE INDEX IF NOT EXISTS sagas_parked ON sagas (id) WHERE parked <> ''`},
	// A unique index allows any number of nulls: sagas without a key.
	{"sagas_idempotency_key", `CREATE UNIQUE INDEX IF NOT EXISTS sagas_idempotency_key ON sagas (idempotency_key)`},
	// The finished sagas the retention may purge, oldest first (see
	// qPurgeSagas); FAILED and parked ones are not in it.
	{"sagas_finished", `CREATE INDEX IF NOT EXISTS sagas_finished ON sagas (completed_at)
  WHERE state IN ('COMPLETED', 'COMPENSATED') AND parked = ''`},
}

// upgrade adds the columns an older file lacks (addColumns), then the
// indexes on them.
func upgrade(ctx context.Context, db *sqlite.DB) error {
	if err := addColumns(ctx, db.SQL); err != nil {
		return err
	}
	for _, ix := range addedIndexes {
		if _, err := db.SQL.ExecContext(ctx, ix[1]); err != nil {
			return fmt.Errorf("creating index %s: %w", ix[0], err)
		}
	}
	return nil
}
