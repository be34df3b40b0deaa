package pg

import (
	"testing"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/saga/outbox"
	"github.com/streamsaga/streamsaga/saga/testenv"
)

func TestReadyDropsBlockedRows(t *testing.T) {
	batch := []claimed{
		{msg: outbox.Message{ID: 3, PartitionKey: "a"}}, {msg: outbox.Message{ID: 4, PartitionKey: "b"}, blocked: true},
		{msg: outbox.Message{ID: 6, PartitionKey: "a"}, blocked: true}, {msg: outbox.Message{ID: 7, PartitionKey: "c"}},
	}
	got, held := ready(batch)
	require.Equal(t, []outbox.Message{{ID: 3, PartitionKey: "a"}, {ID: 7, PartitionKey: "c"}}, got)
	require.True(t, held)
	require.Equal(t, []int64{3, 7}, rowIDs(got))
	got, held = ready(batch[:1])
	require.Len(t, got, 1)
	require.False(t, held)
}

// A claim that finds rows relaxes its transaction's commit, and only that
// transaction's. (One that finds none has nothing to commit.)
func TestClaimRelaxesItsTransactionOnly(t *testing.T) {
	ctx := t.Context()
	pool, err := Connect(ctx, testenv.Database(t), "inventory")
	require.NoError(t, err)
	t.Cleanup(pool.Close)
	require.NoError(t, InTx(ctx, pool, func(tx pgx.Tx) error {
		return NewMessaging(tx).AddMessages(ctx, []outbox.Message{{MessageID: uuid.NewString(), Stream: "s",
			PartitionKey: "p", Type: "T", Payload: []byte("{}")}})
	}))
	setting := func(tx pgx.Tx) (s string) {
		require.NoError(t, tx.QueryRow(ctx, "SHOW synchronous_commit").Scan(&s))
		return s
	}
	require.NoError(t, InTx(ctx, pool, func(tx pgx.Tx) error {
		require.Equal(t, "on", setting(tx))
		batch, err := claim(ctx, tx, 10)
		require.NoError(t, err)
		require.Len(t, batch, 1)
		require.Equal(t, "off", setting(tx))
		return nil
	}))
	require.NoError(t, InTx(ctx, pool, func(tx pgx.Tx) error {
		require.Equal(t, "on", setting(tx), "the next transaction on the pool commits durably again")
		return nil
	}))
}
