package pgdriver_test

import (
	"context"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/saga"
	"github.com/streamsaga/streamsaga/saga/driver"
	"github.com/streamsaga/streamsaga/saga/driver/pgdriver"
	"github.com/streamsaga/streamsaga/saga/outbox"
	"github.com/streamsaga/streamsaga/saga/pg"
	"github.com/streamsaga/streamsaga/saga/storetest"
	"github.com/streamsaga/streamsaga/saga/testenv"
)

// newSaga is a started saga of a one-step type, not yet stored.
func newSaga(t *testing.T) *saga.Instance {
	t.Helper()
	def := &saga.Definition{Type: "wrapped", Steps: []saga.Step{{Name: "s", Participant: "p.commands",
		Action: "Do", SuccessReply: "Done", FailureReply: "Failed"}}}
	inst, _, err := saga.Engine{ReplyTo: "r"}.Start(def, saga.StartInput{ID: saga.NewID(), Data: []byte(`{}`),
		Now: time.Now().UTC().Truncate(time.Microsecond)})
	require.NoError(t, err)
	inst.Version = 1
	return inst
}

func connect(t *testing.T) *pgxpool.Pool {
	t.Helper()
	pool, err := pg.Connect(t.Context(), testenv.Database(t), pgdriver.Schema)
	require.NoError(t, err)
	t.Cleanup(pool.Close)
	return pool
}

// A saga and a message written through Wrap on the caller's transaction
// are kept when the caller commits, and gone when it rolls back.
func TestWrapWritesInTheCallersTransaction(t *testing.T) {
	ctx, pool := t.Context(), connect(t)
	st := pgdriver.New(pool)
	write := func(end func(pgx.Tx, context.Context) error) (*saga.Instance, outbox.Message) {
		inst, msg := newSaga(t), storetest.NewMessage(saga.NewID(), 0)
		tx, err := pool.Begin(ctx)
		require.NoError(t, err)
		wrapped := pgdriver.Wrap(tx)
		require.NoError(t, wrapped.CreateSaga(ctx, inst))
		require.NoError(t, wrapped.AddMessages(ctx, []outbox.Message{msg}))
		require.NoError(t, end(tx, ctx))
		return inst, msg
	}
	outboxRows := func(msg outbox.Message) (n int) {
		require.NoError(t, pool.QueryRow(ctx, "SELECT count(*) FROM outbox WHERE message_id = $1", msg.MessageID).Scan(&n))
		return n
	}

	kept, msg := write(pgx.Tx.Commit)
	got, err := st.GetSaga(ctx, kept.ID)
	require.NoError(t, err)
	require.Equal(t, kept.Steps, got.Steps)
	require.Equal(t, 1, outboxRows(msg), "the relay publishes it")

	gone, msg := write(pgx.Tx.Rollback)
	_, err = st.GetSaga(ctx, gone.ID)
	require.ErrorIs(t, err, saga.ErrNotFound)
	require.Zero(t, outboxRows(msg))
}

// Unwrap gives the transaction under an engine transaction: statements run
// on it commit and roll back with the engine's writes.
func TestUnwrapIsTheEngineTransaction(t *testing.T) {
	ctx, pool := t.Context(), connect(t)
	st := pgdriver.New(pool)
	inst := newSaga(t)
	require.NoError(t, st.InTx(ctx, func(ctx context.Context, tx driver.Tx) error {
		raw, ok := pgdriver.Unwrap(tx)
		require.True(t, ok)
		var n int
		require.NoError(t, raw.QueryRow(ctx, "SELECT count(*) FROM sagas WHERE id = $1", inst.ID).Scan(&n))
		require.Zero(t, n)
		require.NoError(t, tx.CreateSaga(ctx, inst))
		require.NoError(t, raw.QueryRow(ctx, "SELECT count(*) FROM sagas WHERE id = $1", inst.ID).Scan(&n))
		require.Equal(t, 1, n, "the engine's write is visible in the same transaction")
		return nil
	}))

	tx, err := pool.Begin(ctx)
	require.NoError(t, err)
	defer func() { _ = tx.Rollback(ctx) }()
	raw, ok := pgdriver.Unwrap(pgdriver.Wrap(tx))
	require.True(t, ok)
	require.Same(t, tx, raw)

	_, ok = pgdriver.Unwrap(foreignTx{})
	require.False(t, ok, "another driver's transaction")
}

// foreignTx is a transaction of another driver.
type foreignTx struct{ driver.Tx }
