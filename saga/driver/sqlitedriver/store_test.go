package sqlitedriver_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

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

func TestSQLiteStoreConformance(t *testing.T) {
	drivertest.Run(t, func(t *testing.T) driver.Store {
		return drivertest.Serial(sqlitedriver.New(open(t, filepath.Join(t.TempDir(), "orchestrator.db"))))
	})
}

func TestSQLiteStoreSurvivesReopen(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "orchestrator.db")
	first, err := sqlitedriver.Open(ctx, path)
	require.NoError(t, err)
	orderID, sagaID := saga.NewID(), saga.NewID()
	err = sqlitedriver.New(first).InTx(ctx, func(ctx context.Context, tx driver.Tx) error {
		return tx.InsertOrders(ctx, []driver.Order{{ID: orderID, SagaID: sagaID, CustomerID: "c1",
			TotalCents: 10, Status: driver.OrderPending, IdempotencyKey: "k"}})
	})
	require.NoError(t, err)
	require.NoError(t, first.Close())

	again := sqlitedriver.New(open(t, path)) // the DDL runs again over the existing tables
	got, err := again.OrderBySagaID(ctx, sagaID)
	require.NoError(t, err)
	require.Equal(t, orderID, got.ID)
	require.Equal(t, "k", got.IdempotencyKey)
	err = again.InTx(ctx, func(ctx context.Context, tx driver.Tx) error {
		found, err := tx.OrdersByIdempotencyKeys(ctx, []string{"k"})
		require.NoError(t, err)
		require.Equal(t, orderID, found["k"].ID)
		return nil
	})
	require.NoError(t, err)
}

// A file made before orders counted their resends and sagas their ignored
// replies gets the columns when it is opened.
func TestSQLiteStoreAddsResendsToAnOlderFile(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "orchestrator.db")
	older := strings.Replace(sqlitedriver.DDL, sqlitedriver.ResendsColumn+",", "", 1)
	older = strings.Replace(older, sqlitedriver.IgnoredRepliesColumn+",", "", 1)
	require.Equal(t, len(sqlitedriver.DDL)-len(sqlitedriver.ResendsColumn)-len(sqlitedriver.IgnoredRepliesColumn)-2, len(older))
	first, err := sqlite.Open(ctx, path, older)
	require.NoError(t, err)
	require.NoError(t, first.Close())

	st := sqlitedriver.New(open(t, path))
	orderID := saga.NewID()
	require.NoError(t, st.InTx(ctx, func(ctx context.Context, tx driver.Tx) error {
		if err := tx.InsertOrders(ctx, []driver.Order{{ID: orderID, SagaID: saga.NewID(), CustomerID: "c1",
			TotalCents: 10, Status: driver.OrderPending}}); err != nil {
			return err
		}
		n, err := tx.NoteResend(ctx, orderID, time.Now())
		require.Equal(t, 1, n)
		if err != nil {
			return err
		}
		_, err = tx.CountIgnoredReplies(ctx, map[string]int{saga.NewID(): 1})
		return err
	}))
	open(t, path) // and opening it again changes nothing
}
