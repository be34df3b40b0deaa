package sqlitedriver_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/saga"
	"github.com/streamsaga/streamsaga/saga/driver"
	"github.com/streamsaga/streamsaga/saga/driver/drivertest"
	"github.com/streamsaga/streamsaga/saga/driver/sqlitedriver"
	"github.com/streamsaga/streamsaga/saga/sqlite"
)

// open opens the database file at path and closes it when t ends.
func open(t *testing.T, path string) *sqlite.DB {
	t.Helper()
	db, err := sqlitedriver.Open(context.Background(), path)
	require.NoError(t, err)
	t.Cleanup(func() { require.NoError(t, db.Close()) })
	return db
}

func TestSQLiteDriverConformance(t *testing.T) {
	drivertest.RunDriver(t, func(t *testing.T) driver.Driver {
		db, err := sqlitedriver.Open(context.Background(), filepath.Join(t.TempDir(), "orchestrator.db"))
		require.NoError(t, err)
		d := sqlitedriver.NewDriver(db)
		t.Cleanup(d.Close)
		return d
	}, true)
}

func TestSQLiteStoreSurvivesReopen(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "orchestrator.db")
	first, err := sqlitedriver.Open(ctx, path)
	require.NoError(t, err)
	inst := newSaga(t)
	err = sqlitedriver.New(first).InTx(ctx, func(ctx context.Context, tx driver.Tx) error {
		return tx.CreateKeyedSaga(ctx, inst, driver.RequestKey{Key: "k", RequestHash: "h"})
	})
	require.NoError(t, err)
	require.NoError(t, first.Close())

	again := sqlitedriver.New(open(t, path)) // the DDL runs again over the existing tables
	got, err := again.GetSaga(ctx, inst.ID)
	require.NoError(t, err)
	require.Equal(t, inst.Steps, got.Steps)
	err = again.InTx(ctx, func(ctx context.Context, tx driver.Tx) error {
		found, key, err := tx.SagaByIdempotencyKey(ctx, "k")
		require.NoError(t, err)
		require.Equal(t, inst.ID, found.ID)
		require.Equal(t, "h", key.RequestHash)
		return nil
	})
	require.NoError(t, err)
}

// A file made before sagas counted their ignored replies gets the column
// when it is opened.
func TestSQLiteStoreAddsIgnoredRepliesToAnOlderFile(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "orchestrator.db")
	older := strings.Replace(sqlitedriver.DDL, sqlitedriver.IgnoredRepliesColumn+",", "", 1)
	require.Equal(t, len(sqlitedriver.DDL)-len(sqlitedriver.IgnoredRepliesColumn)-1, len(older))
	first, err := sqlite.Open(ctx, path, older)
	require.NoError(t, err)
	require.NoError(t, first.Close())

	st := sqlitedriver.New(open(t, path))
	inst := newSaga(t)
	require.NoError(t, st.InTx(ctx, func(ctx context.Context, tx driver.Tx) error {
		if err := tx.CreateSaga(ctx, inst); err != nil {
			return err
		}
		counts, err := tx.CountIgnoredReplies(ctx, map[string]int{inst.ID: 1, saga.NewID(): 1})
		require.Equal(t, map[string]int{inst.ID: 1}, counts)
		return err
	}))
	open(t, path) // and opening it again changes nothing
}
