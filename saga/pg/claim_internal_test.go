package pg

import (
	"context"
	"errors"
	"testing"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
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
	setting := func(db DBTX) (s string) {
		require.NoError(t, db.QueryRow(ctx, "SHOW synchronous_commit").Scan(&s))
		return s
	}
	conn, err := pool.Acquire(ctx)
	require.NoError(t, err)
	p := &pass{conn: conn}
	require.Equal(t, "on", setting(conn))
	batch, err := p.claim(ctx, 10)
	require.NoError(t, err)
	require.Len(t, batch, 1)
	require.Equal(t, "off", setting(conn))
	require.NoError(t, p.end(ctx, nil))
	require.Equal(t, "on", setting(conn), "the next transaction on the connection commits durably again")
	require.False(t, p.inTx())
	p.release(ctx)
}

// A pass whose publish fails leaves no transaction open: the connection
// goes back to the pool idle and the rows stay.
func TestFailedPassRollsBack(t *testing.T) {
	ctx := t.Context()
	cfg, err := PoolConfig(testenv.Database(t), "inventory")
	require.NoError(t, err)
	cfg.MaxConns = 1
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	require.NoError(t, err)
	t.Cleanup(pool.Close)
	require.NoError(t, InTx(ctx, pool, func(tx pgx.Tx) error {
		return NewMessaging(tx).AddMessages(ctx, []outbox.Message{{MessageID: uuid.NewString(), Stream: "s",
			PartitionKey: "p", Type: "T", Payload: []byte("{}")}})
	}))
	var pid uint32
	require.NoError(t, pool.AcquireFunc(ctx, func(c *pgxpool.Conn) error { pid = c.Conn().PgConn().PID(); return nil }))
	boom := errors.New("redis down")
	n, held, _, err := relayPass(ctx, pool, 0, 10, func(context.Context, []outbox.Message) error { return boom })
	require.ErrorIs(t, err, boom)
	require.Zero(t, n)
	require.False(t, held)
	require.NoError(t, pool.AcquireFunc(ctx, func(c *pgxpool.Conn) error {
		require.Equal(t, pid, c.Conn().PgConn().PID(), "the connection went back to the pool")
		require.EqualValues(t, 'I', c.Conn().PgConn().TxStatus())
		return nil
	}))
	var left int
	require.NoError(t, pool.QueryRow(ctx, "SELECT count(*) FROM outbox").Scan(&left))
	require.Equal(t, 1, left)
}
