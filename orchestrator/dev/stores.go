package dev

import (
	"fmt"

	"github.com/streamsaga/streamsaga/participants/host"
	"github.com/streamsaga/streamsaga/participants/inventory"
	"github.com/streamsaga/streamsaga/participants/inventory/inventorypg"
	"github.com/streamsaga/streamsaga/participants/inventory/inventorysqlite"
	"github.com/streamsaga/streamsaga/participants/payment"
	"github.com/streamsaga/streamsaga/participants/payment/paymentpg"
	"github.com/streamsaga/streamsaga/participants/payment/paymentsqlite"
	"github.com/streamsaga/streamsaga/saga/backend"
	"github.com/streamsaga/streamsaga/saga/driver"
	"github.com/streamsaga/streamsaga/saga/driver/pgdriver"
	"github.com/streamsaga/streamsaga/saga/driver/sqlitedriver"
	"github.com/streamsaga/streamsaga/saga/pg"
	"github.com/streamsaga/streamsaga/saga/sqlite"
)

// The dev mode runs on SQLite files or on PostgreSQL: each service's store
// is the one of the driver its database was opened with.

func orchestratorStore(db backend.DB) (driver.Store, error) {
	switch db := db.(type) {
	case *sqlite.Backend:
		return sqlitedriver.New(db.DB()), nil
	case *pg.Backend:
		return pgdriver.FromDB(db.DB()), nil
	}
	return nil, unknownDriver("orchestrator", db)
}

func inventoryStore(d host.Deps) (inventory.Store, error) {
	switch db := d.DB.(type) {
	case *sqlite.Backend:
		return inventorysqlite.New(db.DB()), nil
	case *pg.Backend:
		return inventorypg.FromDB(db.DB()), nil
	}
	return nil, unknownDriver("inventory", d.DB)
}

func paymentStore(d host.Deps) (payment.Store, error) {
	switch db := d.DB.(type) {
	case *sqlite.Backend:
		return paymentsqlite.New(db.DB()), nil
	case *pg.Backend:
		return paymentpg.FromDB(db.DB()), nil
	}
	return nil, unknownDriver("payment", d.DB)
}

func unknownDriver(service string, db backend.DB) error {
	return fmt.Errorf("dev: no %s store over a %T", service, db)
}
