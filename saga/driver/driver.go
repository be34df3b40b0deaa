package driver

import "github.com/streamsaga/streamsaga/saga/backend"

// Driver is a database the engine runs on: the service's database
// (backend.DB: the outbox relay's source, the courier, inbox pruning and
// the health check) and the engine's storage over it. pgdriver.NewDriver
// and sqlitedriver.NewDriver build one; New combines the two parts of
// another.
type Driver interface {
	backend.DB
	// Store holds sagas, their history and timers, and opens the
	// transactions the outbox and inbox share.
	Store() Store
}

// New is the Driver of db with the engine's store st over it; st's
// transactions must hand their messages to db's courier (build st over
// db, as pgdriver.NewDriver does).
func New(db backend.DB, st Store) Driver { return combined{DB: db, store: st} }

type combined struct {
	backend.DB
	store Store
}

func (c combined) Store() Store { return c.store }
