package dev

import (
	"fmt"

	"github.com/streamsaga/streamsaga/saga/backend"
	"github.com/streamsaga/streamsaga/saga/driver"
	"github.com/streamsaga/streamsaga/saga/driver/pgdriver"
	"github.com/streamsaga/streamsaga/saga/driver/sqlitedriver"
	"github.com/streamsaga/streamsaga/saga/pg"
	"github.com/streamsaga/streamsaga/saga/sqlite"
)

// The dev mode runs on SQLite files or on PostgreSQL: the orchestrator's
// store is the one of the driver its database was opened with.

func orchestratorStore(db backend.DB) (driver.Store, error) {
	switch db := db.(type) {
	case *sqlite.Backend:
		return sqlitedriver.New(db.DB()), nil
	case *pg.Backend:
		return pgdriver.FromDB(db.DB()), nil
	}
	return nil, unknownDriver("orchestrator", db)
}

func unknownDriver(service string, db backend.DB) error {
	return fmt.Errorf("dev: no %s store over a %T", service, db)
}
