package pg

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/streamsaga/streamsaga/saga/outbox"
)

// pipelinedTx is a transaction on a pooled connection that saves round
// trips: BEGIN travels with the transaction's first statement, and
// statements queued with ExecLater or ExecLaterMapErr travel with the next
// statement or with COMMIT; inserts queued with ExecAtCommit, and the outbox's, with COMMIT.
// Each statement still runs in order, and an error of a queued
// one fails the statement or commit it travelled with. Savepoints and
// large objects are not supported.
type pipelinedTx struct {
	conn   *pgxpool.Conn
	queued []laterStmt
	begun  bool // BEGIN was sent
	ended  bool // committed or rolled back
	// d, when the DB has one, gets added once the transaction committed.
	d     outbox.Dispatcher
	added []outbox.Message
	// leased are outbox messages waiting for the commit, to be inserted
	// with the dispatcher's lease in one statement.
	leased []outbox.Message
	// removing are ids of published rows the commit deletes; they go
	// back to the dispatcher if it does not happen.
	removing []int64
}

// laterStmt is a statement waiting for the next round trip.
type laterStmt struct {
	what string
	sql  string
	args []any
	// rows, when set, reads the statement's rows (RETURNING).
	rows func(pgx.Rows) error
	// mapErr, when set, turns the statement's error into the caller's
	// (ExecLaterMapErr).
	mapErr func(error) error
	// atCommit: the statement waits for the commit, and every argument
	// is a column: a later insert with the same sql is merged into it
	// (ExecAtCommit).
	atCommit bool
}

var _ pgx.Tx = (*pipelinedTx)(nil)

var errTxEnded = errors.New("transaction has already been committed or rolled back")

// beginPipelined acquires a connection; nothing is sent yet. d, if not
// nil, gets the outbox messages once the transaction committed.
func beginPipelined(ctx context.Context, pool *pgxpool.Pool, d outbox.Dispatcher) (*pipelinedTx, error) {
	conn, err := pool.Acquire(ctx)
	if err != nil {
		return nil, err
	}
	return &pipelinedTx{conn: conn, d: d}, nil
}

// later queues a statement for the next round trip.
func (t *pipelinedTx) later(s laterStmt) { t.queued = append(t.queued, s) }

// pending reports whether statements wait for the next round trip.
func (t *pipelinedTx) pending() bool { return len(t.queued) > 0 || len(t.leased) > 0 }

// send runs what is queued (BEGIN first, if not yet sent) followed by the
// queries of b in one round trip, reads the results of what was queued
// and returns b's results. Statements queued for the commit (atCommit)
// and the leased outbox insert wait for it unless final is set.
func (t *pipelinedTx) send(ctx context.Context, b *pgx.Batch, final bool) (pgx.BatchResults, error) {
	if t.ended {
		return nil, errTxEnded
	}
	if final {
		t.queueLeased()
	}
	queued := t.takeQueued(final)
	all := &pgx.Batch{}
	begin := !t.begun
	if begin {
		all.Queue("BEGIN")
	}
	for _, s := range queued {
		all.Queue(s.sql, s.args...)
	}
	t.begun = true
	all.QueuedQueries = append(all.QueuedQueries, b.QueuedQueries...)
	br := t.conn.SendBatch(ctx, all)
	if err := readQueued(br, begin, queued); err != nil {
		_ = br.Close()
		return nil, err
	}
	return br, nil
}

// takeQueued removes from the queue and returns the statements to send
// now: all of them when final, else those not waiting for the commit.
func (t *pipelinedTx) takeQueued(final bool) []laterStmt {
	if final {
		q := t.queued
		t.queued = nil
		return q
	}
	var now, wait []laterStmt
	for _, s := range t.queued {
		if s.atCommit {
			wait = append(wait, s)
		} else {
			now = append(now, s)
		}
	}
	t.queued = wait
	return now
}

// readQueued reads the results of BEGIN and the queued statements.
func readQueued(br pgx.BatchResults, begin bool, queued []laterStmt) error {
	if begin {
		if _, err := br.Exec(); err != nil {
			return fmt.Errorf("beginning transaction: %w", err)
		}
	}
	for _, s := range queued {
		if err := readOne(br, s); err != nil {
			return fmt.Errorf("%s: %w", s.what, mapped(s.mapErr, err))
		}
	}
	return nil
}

// mapped is err as mapErr, if any, turns it; never nil: a statement that
// failed stays failed.
func mapped(mapErr func(error) error, err error) error {
	if mapErr == nil {
		return err
	}
	if m := mapErr(err); m != nil {
		return m
	}
	return err
}

func readOne(br pgx.BatchResults, s laterStmt) error {
	if s.rows == nil {
		_, err := br.Exec()
		return err
	}
	rows, err := br.Query()
	if err != nil {
		return err
	}
	defer rows.Close()
	if err := s.rows(rows); err != nil {
		return err
	}
	rows.Close()
	return rows.Err()
}

// one sends what is queued with a single statement.
func (t *pipelinedTx) one(ctx context.Context, sql string, args []any) (pgx.BatchResults, error) {
	b := &pgx.Batch{}
	b.Queue(sql, args...)
	return t.send(ctx, b, false)
}

func (t *pipelinedTx) Exec(ctx context.Context, sql string, args ...any) (pgconn.CommandTag, error) {
	br, err := t.one(ctx, sql, args)
	if err != nil {
		return pgconn.CommandTag{}, err
	}
	tag, err := br.Exec()
	if cerr := br.Close(); err == nil {
		err = cerr
	}
	return tag, err
}

func (t *pipelinedTx) Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error) {
	br, err := t.one(ctx, sql, args)
	if err != nil {
		return nil, err
	}
	rows, err := br.Query()
	if err != nil {
		_ = br.Close()
		return nil, err
	}
	return &batchRows{Rows: rows, br: br}, nil
}

func (t *pipelinedTx) QueryRow(ctx context.Context, sql string, args ...any) pgx.Row {
	rows, err := t.Query(ctx, sql, args...)
	return &firstRow{rows: rows, err: err}
}

// SendBatch sends what is queued and b in one round trip; the results
// are b's alone.
func (t *pipelinedTx) SendBatch(ctx context.Context, b *pgx.Batch) pgx.BatchResults {
	br, err := t.send(ctx, b, false)
	if err != nil {
		return failedBatch{err: err}
	}
	return br
}

// flush sends everything queued, if anything (BEGIN included).
func (t *pipelinedTx) flush(ctx context.Context) error {
	if !t.pending() && t.begun {
		return nil
	}
	br, err := t.send(ctx, &pgx.Batch{}, true)
	if err != nil {
		return err
	}
	return br.Close()
}

func (t *pipelinedTx) CopyFrom(ctx context.Context, table pgx.Identifier, cols []string, src pgx.CopyFromSource) (int64, error) {
	if err := t.flush(ctx); err != nil {
		return 0, err
	}
	return t.conn.CopyFrom(ctx, table, cols, src)
}

func (t *pipelinedTx) Prepare(ctx context.Context, name, sql string) (*pgconn.StatementDescription, error) {
	return t.conn.Conn().Prepare(ctx, name, sql)
}

// Begin would start a savepoint, which a pipelined transaction does not
// support.
func (t *pipelinedTx) Begin(context.Context) (pgx.Tx, error) {
	return nil, errors.New("savepoints are not supported in this transaction")
}

// LargeObjects is not supported: the value it returns must not be used.
func (t *pipelinedTx) LargeObjects() pgx.LargeObjects { return pgx.LargeObjects{} }

func (t *pipelinedTx) Conn() *pgx.Conn { return t.conn.Conn() }

// Commit sends what is queued with COMMIT in one round trip and gives the
// connection back. A transaction that sent nothing commits nothing.
func (t *pipelinedTx) Commit(ctx context.Context) error {
	if t.ended {
		return errTxEnded
	}
	if !t.begun && !t.pending() {
		t.end()
		return nil
	}
	b := &pgx.Batch{}
	b.Queue("COMMIT")
	br, err := t.send(ctx, b, true)
	var tag pgconn.CommandTag
	if err == nil {
		tag, err = br.Exec()
		if cerr := br.Close(); err == nil {
			err = cerr
		}
	}
	if err != nil {
		t.abandon(ctx)
		return err
	}
	if tag.String() == "ROLLBACK" {
		t.end()
		return pgx.ErrTxCommitRollback
	}
	t.removing = nil // deleted
	t.end()
	return nil
}

// Rollback rolls back what was sent, drops what is queued and gives the
// connection back. It does nothing after Commit.
func (t *pipelinedTx) Rollback(ctx context.Context) error {
	if t.ended {
		return nil
	}
	var err error
	if t.begun && t.conn.Conn().PgConn().TxStatus() != 'I' {
		_, err = t.conn.Exec(ctx, "ROLLBACK")
	}
	t.end()
	return err
}

// abandon rolls back a transaction whose COMMIT did not run (a statement
// sent with it failed), so the connection goes back to the pool usable.
func (t *pipelinedTx) abandon(ctx context.Context) {
	if !t.conn.Conn().IsClosed() && t.conn.Conn().PgConn().TxStatus() != 'I' {
		_, _ = t.conn.Exec(context.WithoutCancel(ctx), "ROLLBACK")
	}
	t.end()
}

// end gives the connection back; the pool closes it if it is still in a
// transaction (a COMMIT or ROLLBACK that did not arrive).
func (t *pipelinedTx) end() {
	t.ended = true
	t.queued, t.leased = nil, nil
	t.returnRemovals()
	t.conn.Release()
}
