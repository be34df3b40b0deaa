package pg_test

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/saga/outbox"
	"github.com/streamsaga/streamsaga/saga/pg"
	"github.com/streamsaga/streamsaga/saga/storetest"
)

// errTaken is what mapTaken makes of a unique violation.
var errTaken = errors.New("message already recorded")

// mapTaken maps a unique violation to errTaken, keeping the others.
func mapTaken(err error) error {
	if pg.IsUniqueViolation(err) {
		return fmt.Errorf("the id is taken: %w", errTaken)
	}
	return err
}

const (
	takenID     = "00000000-0000-4000-8000-0000000000aa"
	insertTaken = "INSERT INTO inbox (consumer, message_id) VALUES ('c', $1)"
)

// recordTwice queues two inserts of one inbox row, the second through
// ExecLaterMapErr.
func recordTwice(ctx context.Context, t *testing.T, tx pgx.Tx) {
	t.Helper()
	require.NoError(t, pg.ExecLater(ctx, tx, "recording once", insertTaken, takenID))
	require.NoError(t, pg.ExecLaterMapErr(ctx, tx, "recording twice", insertTaken, mapTaken, takenID))
}

// A statement queued with ExecLaterMapErr travels with the next one, as
// ExecLater's do: one queued insert, one query and the commit take two
// round trips, and the query sees the insert.
func TestMappedStatementTravelsWithTheNextStatement(t *testing.T) {
	requireTravelsWithNextStatement(t, func(ctx context.Context, tx pgx.Tx) error {
		return pg.ExecLaterMapErr(ctx, tx, "recording", insertInbox, mapTaken, "c")
	})
}

// The mapped error of a queued statement fails the statement it travelled
// with, saying what it was, and nothing is committed.
func TestMappedErrorFailsTheNextStatement(t *testing.T) {
	ctx, pool := testContext(t), connect(t)
	var stmtErr error
	err := pg.InTx(ctx, pool, func(tx pgx.Tx) error {
		recordTwice(ctx, t, tx)
		var n int
		stmtErr = tx.QueryRow(ctx, "SELECT 1").Scan(&n)
		return stmtErr
	})
	require.ErrorIs(t, stmtErr, errTaken)
	require.ErrorContains(t, stmtErr, "recording twice: the id is taken")
	require.ErrorIs(t, err, errTaken)
	require.Equal(t, 0, countRows(ctx, t, pool))
}

// A mapped error at the commit keeps the commit from happening: Commit
// returns it, nothing stays, the messages are not handed over, the ids of
// published rows go back, and the connection goes back to the pool rolled
// back, not closed.
func TestMappedErrorFailsTheCommit(t *testing.T) {
	ctx := testContext(t)
	pool, _ := countingPool(t)
	d := &removingDispatcher{heldDispatcher: heldDispatcher{lease: time.Minute}}
	db := pg.NewDB(pool, pg.DBConfig{Dispatcher: d})
	addMessages(ctx, t, db, storetest.NewMessage("a", 0))
	published := d.dispatched()[0][0].ID
	d.published(published)
	conns := pool.Stat().NewConnsCount()

	err := pg.InTx(ctx, db, func(tx pgx.Tx) error {
		recordTwice(ctx, t, tx)
		return pg.NewMessaging(tx).AddMessages(ctx, []outbox.Message{storetest.NewMessage("b", 0)})
	})
	require.ErrorIs(t, err, errTaken)
	require.ErrorContains(t, err, "committing transaction: recording twice")
	require.Equal(t, 0, countRows(ctx, t, pool))
	require.Len(t, outboxRows(ctx, t, pool), 1, "only the earlier message")
	require.Len(t, d.dispatched(), 1, "nothing handed over")
	require.Equal(t, []int64{published}, d.returned)
	require.Equal(t, int32(0), pool.Stat().AcquiredConns(), "the connection went back")
	require.Equal(t, conns, pool.Stat().NewConnsCount(), "and was kept")
}

// On a plain transaction, or on the pool, ExecLaterMapErr runs the
// statement at once and returns the mapped error; a mapErr that returns
// nil keeps the error as it was.
func TestMappedStatementOutsideAPipelinedTransactionRunsAtOnce(t *testing.T) {
	ctx, pool := testContext(t), connect(t)
	tx, err := pool.Begin(ctx)
	require.NoError(t, err)
	defer func() { _ = tx.Rollback(ctx) }()
	require.NoError(t, pg.ExecLaterMapErr(ctx, tx, "recording once", insertTaken, mapTaken, takenID))
	require.Equal(t, 1, countRows(ctx, t, tx), "ran at once")
	err = pg.ExecLaterMapErr(ctx, tx, "recording twice", insertTaken, mapTaken, takenID)
	require.ErrorIs(t, err, errTaken)
	require.ErrorContains(t, err, "recording twice: the id is taken")
	require.NoError(t, tx.Rollback(ctx))

	require.NoError(t, pg.ExecLaterMapErr(ctx, pool, "recording once", insertTaken, mapTaken, takenID))
	err = pg.ExecLaterMapErr(ctx, pool, "recording twice", insertTaken, func(error) error { return nil }, takenID)
	var pgErr *pgconn.PgError
	require.ErrorAs(t, err, &pgErr)
	require.True(t, pg.IsUniqueViolation(err))
	require.Equal(t, 1, countRows(ctx, t, pool))
}
