package sdksqlite

import (
	"database/sql"
	"errors"

	"github.com/streamsaga/streamsaga/saga"
)

// InterpretError maps a query that found no row to saga.ErrNotFound and
// returns any other error unchanged, as saga/pg's InterpretError does.
func InterpretError(err error) error {
	if errors.Is(err, sql.ErrNoRows) {
		return saga.ErrNotFound
	}
	return err
}
