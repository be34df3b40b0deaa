package sqlitedriver

import (
	"context"
	"database/sql"

	"github.com/streamsaga/streamsaga/saga/sqlite"
)

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
	{"sagas", IgnoredRepliesColumn},
	{"sagas", "definition_version INTEGER NOT NULL DEFAULT 1"},
	{"sagas", "parked TEXT NOT NULL DEFAULT ''"},
	{"sagas", sagaKeyColumn},
	{"sagas", sagaRequestHashColumn},
}

// addColumns adds every column of addedColumns that a table lacks.
func addColumns(ctx context.Context, db *sql.DB) error {
	for _, c := range addedColumns {
		if err := sqlite.AddColumn(ctx, db, c[0], c[1]); err != nil {
			return err
		}
	}
	return nil
}
