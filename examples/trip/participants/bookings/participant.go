package bookings

import (
	"errors"

	"github.com/streamsaga/streamsaga/participants/host"
	"github.com/streamsaga/streamsaga/participants/sdk"
)

// Participant describes one participant of the trip saga.
type Participant struct {
	// Name is the service's name: its consumer group, inbox consumer,
	// PostgreSQL schema and log name. Required.
	Name string
	// Commands is the logical stream it reads. Required.
	Commands string
	// Addr is its HTTP address when HTTP_ADDR is not set. Required.
	Addr string
	// Table is its table, with the columns reference, saga_id and state
	// (see the package doc). Required.
	Table string
	// Tables creates Table, idempotently, in SQL both databases read.
	// Required.
	Tables string
	// Step is its part in the saga. Required.
	Step sdk.Step[Tx]
	// Wrap wraps the store its commands and API run on. Optional:
	// default none.
	Wrap func(Store) Store
}

// Service is the participant as a host service over the store open
// builds. On PostgreSQL (open is Postgres) the host creates its schema,
// the SDK's tables and Tables at every start.
//
// Commands are handled one entry at a time: a failed batch is handled
// again command by command, and a wrapped store would see the failure of
// one command twice.
func (p Participant) Service(open Opener) host.Service {
	return host.Service{
		Name: p.Name, DefaultAddr: p.Addr, Commands: p.Commands,
		Migrate: true, Tables: p.Tables, Build: p.build(open),
	}
}

func (p Participant) build(open Opener) func(host.Deps) (host.Parts, error) {
	return func(d host.Deps) (host.Parts, error) {
		if p.Table == "" || p.Tables == "" {
			return host.Parts{}, errors.New("bookings: participant " + p.Name + " needs Table and Tables")
		}
		store, err := open(d)
		if err != nil {
			return host.Parts{}, err
		}
		if p.Wrap != nil {
			store = p.Wrap(store)
		}
		sp, err := sdk.NewWithSteps(store, sdk.Config{Name: p.Name, Logger: d.Log}, p.Step)
		if err != nil {
			return host.Parts{}, err
		}
		return host.Parts{Handler: sp.Handle, HTTP: newAPI(store, p.Table, d)}, nil
	}
}
