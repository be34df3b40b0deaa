package host_test

import (
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/participants/host"
	"github.com/streamsaga/streamsaga/saga/config"
	"github.com/streamsaga/streamsaga/saga/pg"
	"github.com/streamsaga/streamsaga/saga/sqlite"
)

// A service on PostgreSQL gets the DB of its backend, the one its courier
// hooks into; on another driver, an error naming it.
func TestDepsPostgres(t *testing.T) {
	b := pg.NewBackend(nil, "inventory")
	db, err := host.Deps{DB: b}.Postgres()
	require.NoError(t, err)
	require.Same(t, b.DB(), db)

	file, err := sqlite.Open(t.Context(), filepath.Join(t.TempDir(), "x.db"))
	require.NoError(t, err)
	defer file.Close()
	_, err = host.Deps{DB: sqlite.NewBackend(file)}.Postgres()
	require.ErrorContains(t, err, "*sqlite.Backend, not PostgreSQL")
}

func TestRunOnNeedsADatabase(t *testing.T) {
	err := host.RunOn(t.Context(), inventoryService(), config.Config{}, quietLogger(), nil, nil)
	require.ErrorContains(t, err, "needs a database")
}
