package ordersqlite_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/orchestrator/orderstore"
	"github.com/streamsaga/streamsaga/orchestrator/orderstore/ordersqlite"
	"github.com/streamsaga/streamsaga/orchestrator/orderstore/orderstoretest"
	"github.com/streamsaga/streamsaga/saga"
	"github.com/streamsaga/streamsaga/saga/driver"
	"github.com/streamsaga/streamsaga/saga/driver/sqlitedriver"
	"github.com/streamsaga/streamsaga/saga/sqlite"
)

// open opens the orchestrator's file at path with the order table and
// closes it when t ends.
func open(t *testing.T, path string) *sqlite.DB {
	t.Helper()
	db, err := ordersqlite.Open(context.Background(), path)
	require.NoError(t, err)
	t.Cleanup(func() { require.NoError(t, db.Close()) })
	return db
}

// inTx runs fn in a transaction of the engine's store over db, with the
// order tables in it.
func inTx(db *sqlite.DB, fn func(ctx context.Context, tx orderstore.Tx) error) error {
	return sqlitedriver.New(db).InTx(context.Background(), func(ctx context.Context, tx driver.Tx) error {
		orders, err := ordersqlite.From(tx)
		if err != nil {
			return err
		}
		return fn(ctx, orders)
	})
}

func TestSQLiteOrderStoreConformance(t *testing.T) {
	orderstoretest.Run(t, func(t *testing.T) orderstoretest.Stores {
		db := open(t, filepath.Join(t.TempDir(), "orchestrator.db"))
		return orderstoretest.Stores{Engine: sqlitedriver.New(db), Orders: ordersqlite.New(db), Serial: true}
	})
}

func TestSQLiteOrderStoreSurvivesReopen(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "orchestrator.db")
	first, err := ordersqlite.Open(ctx, path)
	require.NoError(t, err)
	orderID, sagaID := saga.NewID(), saga.NewID()
	err = inTx(first, func(ctx context.Context, tx orderstore.Tx) error {
		return tx.InsertOrders(ctx, []orderstore.Order{{ID: orderID, SagaID: sagaID, CustomerID: "c1",
			TotalCents: 10, Status: orderstore.OrderPending, IdempotencyKey: "k"}})
	})
	require.NoError(t, err)
	require.NoError(t, first.Close())

	db := open(t, path) // the DDL runs again over the existing tables
	got, err := ordersqlite.New(db).OrderBySagaID(ctx, sagaID)
	require.NoError(t, err)
	require.Equal(t, orderID, got.ID)
	require.Equal(t, "k", got.IdempotencyKey)
	err = inTx(db, func(ctx context.Context, tx orderstore.Tx) error {
		found, err := tx.OrdersByIdempotencyKeys(ctx, []string{"k"})
		require.NoError(t, err)
		require.Equal(t, orderID, found["k"].ID)
		return nil
	})
	require.NoError(t, err)
}

// A file made before orders counted their resends gets the column when it
// is opened.
func TestSQLiteOrderStoreAddsResendsToAnOlderFile(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "orchestrator.db")
	older := strings.Replace(ordersqlite.DDL, ordersqlite.ResendsColumn+",", "", 1)
	require.Equal(t, len(ordersqlite.DDL)-len(ordersqlite.ResendsColumn)-1, len(older))
	first, err := sqlitedriver.Open(ctx, path)
	require.NoError(t, err)
	_, err = first.SQL.ExecContext(ctx, older)
	require.NoError(t, err)
	var n int
	require.NoError(t, first.SQL.QueryRowContext(ctx, `SELECT count(*) FROM pragma_table_info('orders') WHERE name = 'resends'`).Scan(&n))
	require.Zero(t, n, "the older file has no resends column")
	require.NoError(t, first.Close())

	db := open(t, path)
	orderID := saga.NewID()
	require.NoError(t, inTx(db, func(ctx context.Context, tx orderstore.Tx) error {
		if err := tx.InsertOrders(ctx, []orderstore.Order{{ID: orderID, SagaID: saga.NewID(), CustomerID: "c1",
			TotalCents: 10, Status: orderstore.OrderPending}}); err != nil {
			return err
		}
		n, err := tx.NoteResend(ctx, orderID, time.Now())
		require.Equal(t, 1, n)
		return err
	}))
	open(t, path) // and opening it again changes nothing
}
