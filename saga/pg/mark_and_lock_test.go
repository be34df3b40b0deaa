package pg_test

import (
	"testing"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/saga/barrier"
	"github.com/streamsaga/streamsaga/saga/pg"
)

// MarkProcessedAndLockBarriers answers as MarkProcessedMany and
// LockBarriers would, BEGIN and both statements in one round trip.
func TestMarkProcessedAndLockBarriersInOneRoundTrip(t *testing.T) {
	ctx := testContext(t)
	pool, writes := countingPool(t)
	seen, fresh := uuid.NewString(), uuid.NewString()
	done := barrier.Record{SagaID: uuid.NewString(), Step: "pay", Action: barrier.ActionSucceeded,
		ReplyType: "Paid", ReplyData: []byte(`{"n":1}`)}
	require.NoError(t, pg.InTx(ctx, pool, func(tx pgx.Tx) error {
		m := pg.NewMessaging(tx)
		if _, err := m.MarkProcessedMany(ctx, "c", []string{seen}); err != nil {
			return err
		}
		if _, err := m.LockBarriers(ctx, []barrier.Key{done.Key()}); err != nil {
			return err
		}
		return m.SaveBarriers(ctx, []barrier.Record{done})
	}))
	other := barrier.Key{SagaID: uuid.NewString(), Step: "reserve"}
	var first map[string]bool
	var recs map[barrier.Key]barrier.Record
	before := writes.Load()
	require.NoError(t, pg.InTx(ctx, pool, func(tx pgx.Tx) error {
		var err error
		first, recs, err = pg.NewMessaging(tx).MarkProcessedAndLockBarriers(ctx, "c",
			[]string{seen, fresh, fresh}, []barrier.Key{other, done.Key(), other})
		return err
	}))
	require.Equal(t, int64(2), writes.Load()-before, "round trips: the statements, then COMMIT")
	require.Equal(t, map[string]bool{fresh: true}, first)
	require.Equal(t, map[barrier.Key]barrier.Record{done.Key(): done, other: barrier.Empty(other)}, recs)
}
