package pgdriver_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/saga"
	"github.com/streamsaga/streamsaga/saga/driver"
	"github.com/streamsaga/streamsaga/saga/driver/pgdriver"
	"github.com/streamsaga/streamsaga/saga/iocount"
	"github.com/streamsaga/streamsaga/saga/pg"
	"github.com/streamsaga/streamsaga/saga/testenv"
)

// storeWithSaga is a store on a fresh database holding one started saga.
func storeWithSaga(t *testing.T) (context.Context, driver.Store, *saga.Instance) {
	t.Helper()
	ctx, cancel := context.WithTimeout(t.Context(), time.Minute)
	t.Cleanup(cancel)
	pool, err := pg.Connect(ctx, testenv.Database(t), pgdriver.Schema)
	require.NoError(t, err)
	t.Cleanup(pool.Close)
	st := pgdriver.New(pool)
	def := &saga.Definition{Type: "save", Steps: []saga.Step{{Name: "only", Participant: "a.commands",
		Action: "Do", SuccessReply: "Done", FailureReply: "Failed", Timeout: time.Minute}}}
	inst, _, err := saga.Engine{ReplyTo: "r"}.Start(def, saga.StartInput{ID: saga.NewID(), Data: []byte(`{}`),
		Now: time.Now().UTC().Truncate(time.Microsecond)})
	require.NoError(t, err)
	inst.Version = 1
	require.NoError(t, st.InTx(ctx, func(ctx context.Context, tx driver.Tx) error { return tx.CreateSaga(ctx, inst) }))
	return ctx, st, inst
}

// advance loads the saga in a transaction, changes it, saves it and adds
// a history line, and returns what the transaction returned.
func advance(ctx context.Context, st driver.Store, id, failure string, version int64) error {
	return st.InTx(ctx, func(ctx context.Context, tx driver.Tx) error {
		in, err := tx.LoadSaga(ctx, id)
		if err != nil {
			return err
		}
		in.Failure, in.Version = failure, version
		if err := tx.SaveSaga(ctx, in); err != nil {
			return err
		}
		return tx.AppendHistory(ctx, id, []saga.HistoryEntry{{At: time.Now(), Kind: failure}})
	})
}

// The save travels with the commit: loading a saga, saving it and adding
// to its history takes two round trips, the version check included.
func TestSavingASagaTravelsWithTheCommit(t *testing.T) {
	ctx, st, inst := storeWithSaga(t)
	require.NoError(t, advance(ctx, st, inst.ID, "first", 1)) // prepares the statements
	before := iocount.Read()
	require.NoError(t, advance(ctx, st, inst.ID, "second", 2))
	after := iocount.Read()
	require.Equal(t, uint64(2), after.DBRoundTrips-before.DBRoundTrips, "round trips")

	got, err := st.GetSaga(ctx, inst.ID)
	require.NoError(t, err)
	require.Equal(t, int64(3), got.Version)
	require.Equal(t, "second", got.Failure)
}

// A stale version found at the commit fails it with saga.ErrConflict:
// neither the save nor the history line the transaction added stays.
func TestAStaleSaveFailsTheCommit(t *testing.T) {
	ctx, st, inst := storeWithSaga(t)
	require.NoError(t, advance(ctx, st, inst.ID, "current", 1))

	err := advance(ctx, st, inst.ID, "stale", 1)
	require.ErrorIs(t, err, saga.ErrConflict)
	require.ErrorContains(t, err, "saving saga "+inst.ID+" at version 1")

	got, err := st.GetSaga(ctx, inst.ID)
	require.NoError(t, err)
	require.Equal(t, int64(2), got.Version)
	require.Equal(t, "current", got.Failure)
	hist, err := st.History(ctx, inst.ID)
	require.NoError(t, err)
	for _, h := range hist {
		require.NotEqual(t, "stale", h.Kind, "the history line rolled back")
	}
}
