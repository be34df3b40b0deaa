package host

import (
	"fmt"

	"github.com/streamsaga/streamsaga/saga/pg"
)

// Postgres is the pool, with its courier, that a service on PostgreSQL
// builds its stores over (the FromDB of its driver), so that their
// messages leave right after commit. It fails when DB is another driver.
func (d Deps) Postgres() (*pg.DB, error) {
	b, ok := d.DB.(*pg.Backend)
	if !ok {
		return nil, fmt.Errorf("host: the service's database is %T, not PostgreSQL", d.DB)
	}
	return b.DB(), nil
}
