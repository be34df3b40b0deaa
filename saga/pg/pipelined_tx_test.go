package pg_test

import (
	"context"
	"errors"
	"net"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/saga/pg"
	"github.com/streamsaga/streamsaga/saga/testenv"
)

// countingConn counts the writes a connection makes: one per round trip.
type countingConn struct {
	net.Conn
	writes *atomic.Int64
}

func (c countingConn) Write(b []byte) (int, error) {
	c.writes.Add(1)
	return c.Conn.Write(b)
}

// countingPool is a one-connection pool whose writes are counted.
func countingPool(t *testing.T) (*pgxpool.Pool, *atomic.Int64) {
	t.Helper()
	cfg, err := pg.PoolConfig(testenv.Database(t), testSchema)
	require.NoError(t, err)
	cfg.MaxConns = 1
	writes := &atomic.Int64{}
	dial := cfg.ConnConfig.DialFunc
	cfg.ConnConfig.DialFunc = func(ctx context.Context, network, addr string) (net.Conn, error) {
		c, err := dial(ctx, network, addr)
		if err != nil {
			return nil, err
		}
		return countingConn{Conn: c, writes: writes}, nil
	}
	pool, err := pgxpool.NewWithConfig(testContext(t), cfg)
	require.NoError(t, err)
	t.Cleanup(pool.Close)
	return pool, writes
}

func countRows(ctx context.Context, t *testing.T, db pg.DBTX) int {
	t.Helper()
	var n int
	require.NoError(t, db.QueryRow(ctx, "SELECT count(*) FROM inbox").Scan(&n))
	return n
}

const insertInbox = "INSERT INTO inbox (consumer, message_id) VALUES ($1, gen_random_uuid())"

// BEGIN travels with the first statement and a statement queued with
// ExecLater with the next one: a transaction of one queued insert, one
// query and its commit takes two round trips, and the query sees the
// insert.
func TestPipelinedTransactionSavesRoundTrips(t *testing.T) {
	requireTravelsWithNextStatement(t, func(ctx context.Context, tx pgx.Tx) error {
		return pg.ExecLater(ctx, tx, "recording", insertInbox, "c")
	})
}

// requireTravelsWithNextStatement checks that the inbox insert queue
// queues in a transaction InTx began on a pool goes with the transaction's
// next statement: a transaction of it and a count costs two round trips
// (BEGIN with the insert and the count, then COMMIT), and the count sees
// the insert.
func requireTravelsWithNextStatement(t *testing.T, queue func(ctx context.Context, tx pgx.Tx) error) {
	t.Helper()
	ctx := testContext(t)
	pool, writes := countingPool(t)
	run := func() int {
		var seen int
		require.NoError(t, pg.InTx(ctx, pool, func(tx pgx.Tx) error {
			require.NoError(t, queue(ctx, tx))
			seen = countRows(ctx, t, tx)
			return nil
		}))
		return seen
	}
	require.Equal(t, 1, run()) // prepares the statements
	before := writes.Load()
	require.Equal(t, 2, run())
	require.Equal(t, int64(2), writes.Load()-before, "round trips")
	require.Equal(t, 2, countRows(ctx, t, pool))
}

// A queued statement that fails fails the statement it travelled with,
// saying what it was, and the transaction rolls back.
func TestQueuedStatementErrorFailsTheNextStatement(t *testing.T) {
	ctx, pool := testContext(t), connect(t)
	err := pg.InTx(ctx, pool, func(tx pgx.Tx) error {
		require.NoError(t, pg.ExecLater(ctx, tx, "recording a message", insertInbox, "c"))
		require.NoError(t, pg.ExecLater(ctx, tx, "recording nothing", "INSERT INTO inbox (consumer) VALUES ('x')"))
		var n int
		return tx.QueryRow(ctx, "SELECT 1").Scan(&n)
	})
	require.ErrorContains(t, err, "recording nothing")
	require.Equal(t, 0, countRows(ctx, t, pool))
}

// A queued statement that fails at the commit keeps the commit from
// happening: nothing the transaction did stays, and the connection goes
// back to the pool rolled back, not closed.
func TestQueuedStatementErrorFailsTheCommit(t *testing.T) {
	ctx := testContext(t)
	pool, _ := countingPool(t)
	require.NoError(t, pool.Ping(ctx))
	conns := pool.Stat().NewConnsCount()
	err := pg.InTx(ctx, pool, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, insertInbox, "c"); err != nil {
			return err
		}
		return pg.ExecLater(ctx, tx, "recording nothing", "INSERT INTO inbox (consumer) VALUES ('x')")
	})
	require.ErrorContains(t, err, "recording nothing")
	require.Equal(t, 0, countRows(ctx, t, pool))
	require.Equal(t, int32(0), pool.Stat().AcquiredConns(), "the connection went back")
	require.Equal(t, conns, pool.Stat().NewConnsCount(), "and was kept")
}

// A transaction that sent nothing commits nothing and gives its
// connection back; one that failed gives it back idle.
func TestPipelinedTransactionGivesItsConnectionBack(t *testing.T) {
	ctx := testContext(t)
	pool, writes := countingPool(t)
	require.NoError(t, pool.Ping(ctx))
	before := writes.Load()
	require.NoError(t, pg.InTx(ctx, pool, func(pgx.Tx) error { return nil }))
	require.Equal(t, before, writes.Load(), "nothing sent")

	boom := errors.New("boom")
	err := pg.InTx(ctx, pool, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, insertInbox, "c"); err != nil {
			return err
		}
		return boom
	})
	require.ErrorIs(t, err, boom)
	conn, err := pool.Acquire(ctx)
	require.NoError(t, err)
	defer conn.Release()
	require.Equal(t, byte('I'), conn.Conn().PgConn().TxStatus())
	require.Equal(t, 0, countRows(ctx, t, conn))
}

// Query, QueryRow and SendBatch behave as on a plain transaction: no row is
// pgx.ErrNoRows, batch callbacks run, and what the batch wrote is seen.
func TestPipelinedTransactionStatements(t *testing.T) {
	ctx, pool := testContext(t), connect(t)
	require.NoError(t, pg.InTx(ctx, pool, func(tx pgx.Tx) error {
		var s string
		require.ErrorIs(t, tx.QueryRow(ctx, "SELECT consumer FROM inbox").Scan(&s), pgx.ErrNoRows)
		require.NoError(t, pg.ExecLater(ctx, tx, "recording", insertInbox, "a"))
		b := &pgx.Batch{}
		b.Queue(insertInbox, "b")
		var n int
		b.Queue("SELECT count(*) FROM inbox").QueryRow(func(r pgx.Row) error { return r.Scan(&n) })
		require.NoError(t, tx.SendBatch(ctx, b).Close())
		require.Equal(t, 2, n)
		rows, err := tx.Query(ctx, "SELECT consumer FROM inbox ORDER BY consumer")
		require.NoError(t, err)
		got, err := pgx.CollectRows(rows, pgx.RowTo[string])
		require.NoError(t, err)
		require.Equal(t, []string{"a", "b"}, got)
		_, err = tx.Begin(ctx)
		require.Error(t, err, "no savepoints")
		return nil
	}))
	require.Equal(t, 2, countRows(ctx, t, pool))
}

// A context that ends mid-transaction loses the connection, not the pool:
// the next transaction works.
func TestPipelinedTransactionSurvivesACancelledContext(t *testing.T) {
	ctx, pool := testContext(t), connect(t)
	short, cancel := context.WithTimeout(ctx, 100*time.Millisecond)
	defer cancel()
	err := pg.InTx(short, pool, func(tx pgx.Tx) error {
		_, err := tx.Exec(short, "SELECT pg_sleep(5)")
		return err
	})
	require.Error(t, err)
	require.NoError(t, pg.InTx(ctx, pool, func(tx pgx.Tx) error {
		_, err := tx.Exec(ctx, insertInbox, "c")
		return err
	}))
	require.Equal(t, 1, countRows(ctx, t, pool))
}
