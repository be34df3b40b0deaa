package dev

import (
	"fmt"

	"github.com/redis/go-redis/v9"

	"github.com/streamsaga/streamsaga/orchestrator/app"
	"github.com/streamsaga/streamsaga/orchestrator/orderstore/orderpg"
	"github.com/streamsaga/streamsaga/orchestrator/orderstore/ordersqlite"

	"github.com/streamsaga/streamsaga/participants/host"
	"github.com/streamsaga/streamsaga/participants/inventory"
	"github.com/streamsaga/streamsaga/participants/inventory/inventorypg"
	"github.com/streamsaga/streamsaga/participants/inventory/inventorysqlite"
	"github.com/streamsaga/streamsaga/participants/payment"
	"github.com/streamsaga/streamsaga/participants/payment/paymentpg"
	"github.com/streamsaga/streamsaga/participants/payment/paymentsqlite"
	"github.com/streamsaga/streamsaga/saga/backend"
	"github.com/streamsaga/streamsaga/saga/driver/pgdriver"
	"github.com/streamsaga/streamsaga/saga/driver/sqlitedriver"
	"github.com/streamsaga/streamsaga/saga/pg"
	"github.com/streamsaga/streamsaga/saga/sqlite"
)

// The dev mode runs on SQLite files or on PostgreSQL: each service's store
// is the one of the driver its database was opened with.

func orchestratorBackends(db backend.DB, rdb redis.UniversalClient) (app.Backends, error) {
	switch d := db.(type) {
	case *sqlite.Backend:
		return app.Backends{DB: db, Store: sqlitedriver.New(d.DB()), Orders: ordersqlite.New(d.DB()), Redis: rdb}, nil
	case *pg.Backend:
		return app.Backends{DB: db, Store: pgdriver.FromDB(d.DB()), Orders: orderpg.New(d.DB().Pool()), Redis: rdb}, nil
	}
	return app.Backends{}, unknownDriver("orchestrator", db)
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
