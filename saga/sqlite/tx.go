package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// Tx is one transaction of a DB; services embed Messaging over it in their
// own transaction types.
type Tx struct {
	SQL         *sql.Tx
	wroteOutbox bool
}

// InTx runs fn in one IMMEDIATE transaction and commits it when fn returns
// nil; otherwise, or if fn panics, it rolls back. A commit that added
// outbox rows wakes the relays of db.
func InTx(ctx context.Context, db *DB, fn func(tx *Tx) error) error {
	sqlTx, err := db.SQL.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("beginning transaction on %s: %w", db.path, err)
	}
	tx := &Tx{SQL: sqlTx}
	committed := false
	defer func() {
		if !committed {
			_ = sqlTx.Rollback()
		}
	}()
	if err := fn(tx); err != nil {
		return err
	}
	committed = true
	if err := sqlTx.Commit(); err != nil {
		return fmt.Errorf("committing on %s: %w", db.path, err)
	}
	if tx.wroteOutbox {
		db.outboxChanged()
	}
	return nil
}

// IsUniqueViolation reports a UNIQUE or PRIMARY KEY constraint failure.
func IsUniqueViolation(err error) bool {
	var coded interface{ Code() int }
	if !errors.As(err, &coded) {
		return false
	}
	const constraintUnique, constraintPrimaryKey = 2067, 1555
	return coded.Code() == constraintUnique || coded.Code() == constraintPrimaryKey
}
