package services_test

import (
	"errors"
	"io"
	"path/filepath"
	"testing"

	"github.com/sirupsen/logrus"
	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/participants/host"
	"github.com/streamsaga/streamsaga/participants/inventory"
	"github.com/streamsaga/streamsaga/participants/inventory/inventorysqlite"
	"github.com/streamsaga/streamsaga/participants/payment"
	"github.com/streamsaga/streamsaga/participants/payment/paymentsqlite"
	"github.com/streamsaga/streamsaga/participants/services"
	"github.com/streamsaga/streamsaga/saga/pg"
	"github.com/streamsaga/streamsaga/saga/sqlite"
)

func deps(t *testing.T) (onPG, onSQLite host.Deps, file *sqlite.DB) {
	file, err := sqlite.Open(t.Context(), filepath.Join(t.TempDir(), "x.db"))
	require.NoError(t, err)
	t.Cleanup(func() { _ = file.Close() })
	l := logrus.New()
	l.SetOutput(io.Discard)
	log := logrus.NewEntry(l)
	return host.Deps{DB: pg.NewBackend(nil, "x"), Log: log}, host.Deps{DB: sqlite.NewBackend(file), Log: log}, file
}

// Inventory and Payment build over PostgreSQL and refuse another driver:
// their processes link none.
func TestServicesOnPostgres(t *testing.T) {
	onPG, onSQLite, _ := deps(t)
	for _, svc := range []host.Service{services.Inventory(), services.Payment()} {
		parts, err := svc.Build(onPG)
		require.NoError(t, err)
		require.NotNil(t, parts.Handler)
		require.NotNil(t, parts.HTTP)
		_, err = svc.Build(onSQLite)
		require.ErrorContains(t, err, "not PostgreSQL")
	}
}

// InventoryWith and PaymentWith build over the store they are given, and
// stop on its error.
func TestServicesWithAStore(t *testing.T) {
	_, onSQLite, file := deps(t)
	inv := services.InventoryWith(func(host.Deps) (inventory.Store, error) { return inventorysqlite.New(file), nil })
	pay := services.PaymentWith(func(host.Deps) (payment.Store, error) { return paymentsqlite.New(file), nil })
	for _, svc := range []host.Service{inv, pay} {
		parts, err := svc.Build(onSQLite)
		require.NoError(t, err)
		require.NotNil(t, parts.Handler)
	}
	boom := errors.New("boom")
	_, err := services.InventoryWith(func(host.Deps) (inventory.Store, error) { return nil, boom }).Build(onSQLite)
	require.ErrorIs(t, err, boom)
	_, err = services.PaymentWith(func(host.Deps) (payment.Store, error) { return nil, boom }).Build(onSQLite)
	require.ErrorIs(t, err, boom)
}
