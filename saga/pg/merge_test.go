package pg_test

import (
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/saga/iocount"
	"github.com/streamsaga/streamsaga/saga/pg"
)

const insertInboxColumns = `
INSERT INTO inbox (consumer, message_id)
SELECT c, m::uuid FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS r(c, m, ord) ORDER BY ord`

// Two inserts with the same sql queued before the next round trip run as
// one statement holding the rows of both, in the order they were queued;
// another statement queued between them still runs.
func TestColumnInsertsQueuedTogetherRunAsOne(t *testing.T) {
	ctx := testContext(t)
	pool, _ := countingPool(t)
	ids := []string{
		"00000000-0000-4000-8000-000000000001", "00000000-0000-4000-8000-000000000002",
		"00000000-0000-4000-8000-000000000003",
	}
	cctx := ctx
	before := iocount.Read().DBStatements
	require.NoError(t, pg.InTx(cctx, pool, func(tx pgx.Tx) error {
		require.NoError(t, pg.ExecAtCommit(cctx, tx, "first", insertInboxColumns, []string{"a", "a"}, ids[:2]))
		require.NoError(t, pg.ExecLater(cctx, tx, "other", insertInbox, "b"))
		require.NoError(t, pg.ExecAtCommit(cctx, tx, "second", insertInboxColumns, []string{"a"}, ids[2:]))
		return nil
	}))
	// No parallel test runs beside a sequential one: the count is ours.
	require.Equal(t, uint64(2), iocount.Read().DBStatements-before, "statements")
	require.Equal(t, 4, countRows(ctx, t, pool))
	rows, err := pool.Query(ctx, "SELECT message_id::text FROM inbox WHERE consumer = 'a' ORDER BY processed_at, ctid")
	require.NoError(t, err)
	got, err := pgx.CollectRows(rows, pgx.RowTo[string])
	require.NoError(t, err)
	require.Equal(t, ids, got)
}

// An error of a merged insert names both parts and fails the commit.
func TestMergedInsertErrorFailsTheCommit(t *testing.T) {
	ctx := testContext(t)
	pool, _ := countingPool(t)
	id := "00000000-0000-4000-8000-000000000009"
	err := pg.InTx(ctx, pool, func(tx pgx.Tx) error {
		require.NoError(t, pg.ExecAtCommit(ctx, tx, "first", insertInboxColumns, []string{"a"}, []string{id}))
		return pg.ExecAtCommit(ctx, tx, "second", insertInboxColumns, []string{"a"}, []string{id})
	})
	require.ErrorContains(t, err, "first and second")
	require.Equal(t, 0, countRows(ctx, t, pool))
}
