package pg_test

import (
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/saga/iocount"
	"github.com/streamsaga/streamsaga/saga/pg"
)

// The pool's connections tell iocount what they send: a transaction of
// one queued insert, one query and its commit is one transaction, two
// statements and two round trips, as many as went over the network.
func TestPoolCountsTransactionsStatementsAndRoundTrips(t *testing.T) {
	ctx := testContext(t)
	pool, writes := countingPool(t)
	run := func() {
		require.NoError(t, pg.InTx(ctx, pool, func(tx pgx.Tx) error {
			require.NoError(t, pg.ExecLater(ctx, tx, "recording", insertInbox, "c"))
			countRows(ctx, t, tx)
			return nil
		}))
	}
	run() // prepares the statements
	before, w := iocount.Read(), writes.Load()
	run()
	after := iocount.Read()
	require.Equal(t, uint64(1), after.DBTransactions-before.DBTransactions)
	require.Equal(t, uint64(2), after.DBStatements-before.DBStatements)
	require.Equal(t, uint64(2), after.DBRoundTrips-before.DBRoundTrips)
	require.Equal(t, int64(2), writes.Load()-w)

	before = iocount.Read()
	countRows(ctx, t, pool)
	after = iocount.Read()
	require.Equal(t, uint64(0), after.DBTransactions-before.DBTransactions)
	require.Equal(t, uint64(1), after.DBStatements-before.DBStatements)
	require.Equal(t, uint64(1), after.DBRoundTrips-before.DBRoundTrips)
}
