package pg

import (
	"context"
	"fmt"
	"reflect"
)

// ExecAtCommit is ExecLater for an insert that nothing in the transaction
// reads and whose arguments are all columns (slices of one length, read
// with unnest). In a transaction InTx began on a DB or a pool it travels
// with the COMMIT, and a second insert with the same sql is added to the
// first one's columns, so a transaction that appends rows twice (saga
// history, say) runs one statement; the rows are inserted in the order
// they were queued, and an error fails the commit. On anything else it
// runs at once.
func ExecAtCommit(ctx context.Context, db DBTX, what, sql string, cols ...any) error {
	if t, ok := db.(*pipelinedTx); ok && !t.ended {
		t.atCommit(laterStmt{what: what, sql: sql, args: cols})
		return nil
	}
	return ExecLater(ctx, db, what, sql, cols...)
}

// atCommit queues s for the commit, merged into a queued insert with the
// same sql when there is one.
func (t *pipelinedTx) atCommit(s laterStmt) {
	s.atCommit = true
	for i := range t.queued {
		q := &t.queued[i]
		if !q.atCommit || q.sql != s.sql {
			continue
		}
		if merged, ok := appendColumns(q.args, s.args); ok {
			q.args = merged
			q.what = fmt.Sprintf("%s and %s", q.what, s.what)
			return
		}
	}
	t.later(s)
}

// appendColumns returns each column of b appended to the same column of
// a, in new slices; false when they are not columns of the same types.
func appendColumns(a, b []any) ([]any, bool) {
	if len(a) != len(b) {
		return nil, false
	}
	out := make([]any, len(a))
	for i := range a {
		x, y := reflect.ValueOf(a[i]), reflect.ValueOf(b[i])
		if x.Kind() != reflect.Slice || x.Type() != y.Type() {
			return nil, false
		}
		col := reflect.MakeSlice(x.Type(), 0, x.Len()+y.Len())
		out[i] = reflect.AppendSlice(reflect.AppendSlice(col, x), y).Interface()
	}
	return out, true
}
