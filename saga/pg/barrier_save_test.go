package pg_test

import (
	"context"
	"testing"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/saga"
	"github.com/streamsaga/streamsaga/saga/barrier"
	"github.com/streamsaga/streamsaga/saga/outbox"
	"github.com/streamsaga/streamsaga/saga/pg"
	"github.com/streamsaga/streamsaga/saga/storetest"
)

// savedRecord is a record of a step that succeeded.
func savedRecord(k barrier.Key) barrier.Record {
	return barrier.Record{SagaID: k.SagaID, Step: k.Step, Action: barrier.ActionSucceeded, ReplyType: "Done"}
}

// lockedAndMissing starts a participant's transaction on tx: it records a
// message in the inbox and locks the record of one key, and returns
// records to save for that key and for one nobody locked.
func lockedAndMissing(ctx context.Context, t *testing.T, tx pgx.Tx) (barrier.Key, []barrier.Record) {
	t.Helper()
	locked := barrier.Key{SagaID: uuid.NewString(), Step: "reserve"}
	missing := barrier.Key{SagaID: uuid.NewString(), Step: "reserve"}
	_, _, err := pg.NewMessaging(tx).MarkProcessedAndLockBarriers(ctx, "c", []string{uuid.NewString()},
		[]barrier.Key{locked})
	require.NoError(t, err)
	return locked, []barrier.Record{savedRecord(locked), savedRecord(missing)}
}

// requireUnchanged checks that nothing of a failed lockedAndMissing
// transaction stayed: no inbox row, no barrier record.
func requireUnchanged(ctx context.Context, t *testing.T, db pg.DBTX, locked barrier.Key) {
	t.Helper()
	require.Equal(t, 0, countRows(ctx, t, db), "the inbox row rolled back")
	var n int
	require.NoError(t, db.QueryRow(ctx, "SELECT count(*) FROM barrier WHERE saga_id = $1", locked.SagaID).Scan(&n))
	require.Zero(t, n, "the locked record rolled back")
}

// Saving a record nobody locked, in a transaction InTx began, fails the
// COMMIT it travelled with with saga.ErrNotFound: nothing stays.
func TestSavingAMissingBarrierFailsTheCommit(t *testing.T) {
	ctx, pool := testContext(t), connect(t)
	var locked barrier.Key
	err := pg.InTx(ctx, pool, func(tx pgx.Tx) error {
		var recs []barrier.Record
		locked, recs = lockedAndMissing(ctx, t, tx)
		return pg.NewMessaging(tx).SaveBarriers(ctx, recs)
	})
	require.ErrorIs(t, err, saga.ErrNotFound)
	require.ErrorContains(t, err, "saving 2 barrier records")
	requireUnchanged(ctx, t, pool, locked)
}

// When a statement follows the save, that statement fails.
func TestSavingAMissingBarrierFailsTheNextStatement(t *testing.T) {
	ctx, pool := testContext(t), connect(t)
	var locked barrier.Key
	var stmtErr error
	err := pg.InTx(ctx, pool, func(tx pgx.Tx) error {
		var recs []barrier.Record
		locked, recs = lockedAndMissing(ctx, t, tx)
		require.NoError(t, pg.NewMessaging(tx).SaveBarriers(ctx, recs), "queued")
		_, stmtErr = tx.Exec(ctx, "SELECT 1")
		return stmtErr
	})
	require.ErrorIs(t, stmtErr, saga.ErrNotFound)
	require.ErrorIs(t, err, saga.ErrNotFound)
	requireUnchanged(ctx, t, pool, locked)
}

// On a plain transaction SaveBarriers runs at once and returns the error
// itself; the records that exist are saved when all do.
func TestSavingAMissingBarrierOnAPlainTransaction(t *testing.T) {
	ctx, pool := testContext(t), connect(t)
	tx, err := pool.Begin(ctx)
	require.NoError(t, err)
	defer func() { _ = tx.Rollback(ctx) }()
	locked, recs := lockedAndMissing(ctx, t, tx)
	m := pg.NewMessaging(tx)
	require.ErrorIs(t, m.SaveBarriers(ctx, recs), saga.ErrNotFound)
	require.NoError(t, tx.Rollback(ctx))

	tx, err = pool.Begin(ctx)
	require.NoError(t, err)
	locked, _ = lockedAndMissing(ctx, t, tx)
	m = pg.NewMessaging(tx)
	require.NoError(t, m.SaveBarriers(ctx, []barrier.Record{savedRecord(locked)}))
	recs2, err := m.LockBarriers(ctx, []barrier.Key{locked})
	require.NoError(t, err)
	require.Equal(t, savedRecord(locked), recs2[locked])
	require.NoError(t, tx.Commit(ctx))
}

// A participant's transaction takes three round trips: BEGIN, the inbox
// insert and the barrier lock; the service's own statement; the barrier
// save, the replies and COMMIT. Without a statement of its own, two.
func TestParticipantTransactionRoundTrips(t *testing.T) {
	ctx := testContext(t)
	pool, writes := countingPool(t)
	run := func(own bool) int64 {
		before := writes.Load()
		k := barrier.Key{SagaID: uuid.NewString(), Step: "reserve"}
		require.NoError(t, pg.InTx(ctx, pool, func(tx pgx.Tx) error {
			m := pg.NewMessaging(tx)
			if _, _, err := m.MarkProcessedAndLockBarriers(ctx, "c", []string{uuid.NewString()},
				[]barrier.Key{k}); err != nil {
				return err
			}
			if own {
				if _, err := tx.Exec(ctx, "SELECT 1"); err != nil {
					return err
				}
			}
			if err := m.SaveBarriers(ctx, []barrier.Record{savedRecord(k)}); err != nil {
				return err
			}
			return m.AddMessages(ctx, []outbox.Message{storetest.NewMessage(k.SagaID, 0)})
		}))
		return writes.Load() - before
	}
	run(true) // prepares the statements
	require.Equal(t, int64(3), run(true), "round trips with a statement of its own")
	require.Equal(t, int64(2), run(false), "round trips without")
}
