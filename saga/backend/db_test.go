package backend_test

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/saga/backend"
	"github.com/streamsaga/streamsaga/saga/pg"
	"github.com/streamsaga/streamsaga/saga/sqlite"
	"github.com/streamsaga/streamsaga/saga/storetest"
	"github.com/streamsaga/streamsaga/saga/testenv"
)

// driver is one implementation of backend.DB with what it gives.
type driver struct {
	open       func(t *testing.T) backend.DB
	check      string // the /healthz probe's name
	collectors int    // the courier's metrics
}

var drivers = map[string]driver{
	"postgres": {open: openPostgres, check: "postgres", collectors: 1},
	"sqlite":   {open: openSQLite, check: "sqlite", collectors: 0},
}

func openPostgres(t *testing.T) backend.DB {
	pool, err := pg.Connect(t.Context(), testenv.Database(t), "inventory")
	require.NoError(t, err)
	db := pg.NewBackend(pool, "inventory")
	t.Cleanup(db.Close)
	return db
}

func openSQLite(t *testing.T) backend.DB {
	file, err := sqlite.Open(t.Context(), filepath.Join(t.TempDir(), "x.db"))
	require.NoError(t, err)
	db := sqlite.NewBackend(file)
	t.Cleanup(db.Close)
	return db
}

// Both drivers implement backend.DB as the struct with a field per driver
// did: a source over the empty outbox for the relay, the inbox pruner, a
// named health check, a courier that starts and stops (with metrics on
// PostgreSQL, none on SQLite) and a Close after which Ping fails.
func TestDrivers(t *testing.T) {
	for name, d := range drivers {
		t.Run(name, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(t.Context(), 30*time.Second)
			defer cancel()
			db := d.open(t)
			require.NoError(t, db.Ping(ctx))
			check := db.Check()
			require.Equal(t, d.check, check.Name)
			require.NoError(t, check.Check(ctx))

			src := db.Source()
			backlog, err := src.Backlog(ctx)
			require.NoError(t, err)
			require.Zero(t, backlog)
			require.NoError(t, src.Close())
			_, err = db.Pruner()(ctx, time.Now(), 10)
			require.NoError(t, err)

			c, err := db.Courier(storetest.NewRecorder(), storetest.QuietLogger())
			require.NoError(t, err)
			require.Len(t, c.Collectors(), d.collectors)
			require.NoError(t, c.Start(ctx))
			require.NoError(t, c.Stop(ctx))

			db.Close()
			require.Error(t, db.Ping(ctx), "closed")
		})
	}
}
