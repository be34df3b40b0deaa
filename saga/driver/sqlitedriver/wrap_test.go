package sqlitedriver_test

import (
	"context"
	"database/sql"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/saga"
	"github.com/streamsaga/streamsaga/saga/driver"
	"github.com/streamsaga/streamsaga/saga/driver/sqlitedriver"
	"github.com/streamsaga/streamsaga/saga/outbox"
	"github.com/streamsaga/streamsaga/saga/sqlite"
	"github.com/streamsaga/streamsaga/saga/storetest"
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

// A saga and a message written through Wrap on the caller's transaction
// are kept when the caller commits (the relay then publishes the
// message), and gone when it rolls back.
func TestWrapWritesInTheCallersTransaction(t *testing.T) {
	ctx := t.Context()
	db := open(t, filepath.Join(t.TempDir(), "orchestrator.db"))
	st := sqlitedriver.New(db)
	write := func(end func(*sql.Tx) error) (*saga.Instance, outbox.Message) {
		inst, msg := newSaga(t), storetest.NewMessage(saga.NewID(), 0)
		tx, err := db.SQL.BeginTx(ctx, nil)
		require.NoError(t, err)
		wrapped := sqlitedriver.Wrap(tx)
		require.NoError(t, wrapped.CreateSaga(ctx, inst))
		require.NoError(t, wrapped.AddMessages(ctx, []outbox.Message{msg}))
		require.NoError(t, end(tx))
		return inst, msg
	}
	relayed := func() (got []outbox.Message) {
		_, err := sqlite.NewOutboxSource(db).Relay(ctx, 10, func(_ context.Context, msgs []outbox.Message) error {
			got = append(got, msgs...)
			return nil
		})
		require.NoError(t, err)
		return got
	}

	kept, msg := write((*sql.Tx).Commit)
	got, err := st.GetSaga(ctx, kept.ID)
	require.NoError(t, err)
	require.Equal(t, kept.Steps, got.Steps)
	sent := relayed()
	require.Len(t, sent, 1)
	require.Equal(t, msg.MessageID, sent[0].MessageID)

	gone, _ := write((*sql.Tx).Rollback)
	_, err = st.GetSaga(ctx, gone.ID)
	require.ErrorIs(t, err, saga.ErrNotFound)
	require.Empty(t, relayed())
}

// Unwrap gives the transaction under an engine transaction: statements run
// on it commit and roll back with the engine's writes.
func TestUnwrapIsTheEngineTransaction(t *testing.T) {
	ctx := t.Context()
	db := open(t, filepath.Join(t.TempDir(), "orchestrator.db"))
	inst := newSaga(t)
	require.NoError(t, sqlitedriver.New(db).InTx(ctx, func(ctx context.Context, tx driver.Tx) error {
		raw, ok := sqlitedriver.Unwrap(tx)
		require.True(t, ok)
		require.NoError(t, tx.CreateSaga(ctx, inst))
		var n int
		require.NoError(t, raw.QueryRowContext(ctx, "SELECT count(*) FROM sagas WHERE id = ?", inst.ID).Scan(&n))
		require.Equal(t, 1, n, "the engine's write is visible in the same transaction")
		return nil
	}))

	tx, err := db.SQL.BeginTx(ctx, nil)
	require.NoError(t, err)
	defer func() { _ = tx.Rollback() }()
	raw, ok := sqlitedriver.Unwrap(sqlitedriver.Wrap(tx))
	require.True(t, ok)
	require.Same(t, tx, raw)

	_, ok = sqlitedriver.Unwrap(foreignTx{})
	require.False(t, ok, "another driver's transaction")
}

// foreignTx is a transaction of another driver.
type foreignTx struct{ driver.Tx }
