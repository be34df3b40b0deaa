package pg

import (
	"context"
	"fmt"
)

// ExecLaterMapErr is ExecLater for a write whose failure the caller tells
// apart: mapErr turns the statement's error into the caller's (a unique
// violation into a sentinel, say), which fails the statement or the
// commit the write travelled with, wrapped with what. On anything but a
// transaction InTx began on a DB or a pool it runs sql at once and returns
// the mapped error.
//
// mapErr sees only the statement's error: a write's success cannot be
// refused after the fact, since the statements and the COMMIT that
// travelled with it have already run. A condition on the write's outcome,
// such as the number of rows it changed, belongs in sql, failing it on
// the server (SaveBarriers' statement does so), where it keeps the rest of
// the round trip, COMMIT included, from running. mapErr returning nil
// keeps the error as it was.
func ExecLaterMapErr(ctx context.Context, db DBTX, what, sql string, mapErr func(error) error, args ...any) error {
	if t, ok := db.(*pipelinedTx); ok && !t.ended {
		t.later(laterStmt{what: what, sql: sql, args: args, mapErr: mapErr})
		return nil
	}
	if _, err := db.Exec(ctx, sql, args...); err != nil {
		return fmt.Errorf("%s: %w", what, mapped(mapErr, err))
	}
	return nil
}
