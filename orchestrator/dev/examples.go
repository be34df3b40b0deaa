package dev

import (
	"context"
	"fmt"
	"path/filepath"

	"github.com/streamsaga/streamsaga/examples/trip"
	"github.com/streamsaga/streamsaga/examples/trip/participants/bookings"
	"github.com/streamsaga/streamsaga/examples/trip/participants/bookings/bookingsqlite"
	"github.com/streamsaga/streamsaga/examples/trip/participants/cars"
	"github.com/streamsaga/streamsaga/examples/trip/participants/flights"
	"github.com/streamsaga/streamsaga/examples/trip/participants/hotels"
	"github.com/streamsaga/streamsaga/participants/host"
	"github.com/streamsaga/streamsaga/saga"
	"github.com/streamsaga/streamsaga/saga/backend"
	"github.com/streamsaga/streamsaga/saga/pg"
	"github.com/streamsaga/streamsaga/saga/pg/migrate"
	"github.com/streamsaga/streamsaga/saga/sqlite"
)

// With Options.Examples the dev mode also runs the trip example
// (examples/trip): its definition, read from the file embedded in that
// package, is registered next to the order saga, and its flights, hotels
// and cars participants run in this process, each on a database of its
// own, next to inventory and payment.

// exampleDefinitions are the examples' saga definitions.
func exampleDefinitions(o Options) ([]*saga.Definition, error) {
	if !o.Examples {
		return nil, nil
	}
	def, err := trip.Definition()
	if err != nil {
		return nil, err
	}
	return []*saga.Definition{def}, nil
}

// exampleParticipants are the examples' participants; none without
// Options.Examples.
func exampleParticipants(o Options) []bookings.Participant {
	if !o.Examples {
		return nil
	}
	return trip.Participants()
}

// exampleAddr is the HTTP address of the example participant p: its
// option, or its default when the option is empty.
func (o Options) exampleAddr(p bookings.Participant) string {
	addr := map[string]string{flights.Name: o.FlightsAddr, hotels.Name: o.HotelsAddr, cars.Name: o.CarsAddr}[p.Name]
	if addr == "" {
		return p.Addr
	}
	return addr
}

// exampleStore is the store of an example participant over its database.
func exampleStore(d host.Deps) (bookings.Store, error) {
	switch d.DB.(type) {
	case *sqlite.Backend:
		return bookingsqlite.Store(d)
	case *pg.Backend:
		return bookings.Postgres(d)
	}
	return nil, unknownDriver("example", d.DB)
}

// openExampleSQLite opens one file per example participant under dir.
func openExampleSQLite(ctx context.Context, dir string, ps []bookings.Participant) ([]backend.DB, error) {
	dbs := make([]backend.DB, 0, len(ps))
	for _, p := range ps {
		db, err := bookingsqlite.Open(ctx, filepath.Join(dir, p.Name+".db"), p)
		if err != nil {
			closeAll(dbs)
			return nil, err
		}
		dbs = append(dbs, sqlite.NewBackend(db))
	}
	return dbs, nil
}

// openExamplePostgres opens one pool per example participant, on a schema
// of its own that it prepares as the participant's binary does: the SDK's
// migrations, then the participant's table.
func openExamplePostgres(ctx context.Context, url string, ps []bookings.Participant, shards int) ([]backend.DB, error) {
	dbs := make([]backend.DB, 0, len(ps))
	for _, p := range ps {
		pool, err := pg.ConnectSized(ctx, url, p.Name, pg.Sizing{Readers: 1, Shards: shards})
		if err == nil {
			if _, err = migrate.Migrate(ctx, pool, p.Name, migrate.Participant); err == nil {
				err = migrate.Apply(ctx, pool, p.Name, p.Tables)
			}
			if err != nil {
				pool.Close()
			}
		}
		if err != nil {
			closeAll(dbs)
			return nil, fmt.Errorf("preparing the %s schema: %w", p.Name, err)
		}
		dbs = append(dbs, pg.NewBackend(pool, p.Name))
	}
	return dbs, nil
}

func closeAll(dbs []backend.DB) {
	for _, db := range dbs {
		db.Close()
	}
}
