package migrate_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/saga/pg/migrate"
	"github.com/streamsaga/streamsaga/saga/testenv"
)

// schemas are the example's service schemas, each with its set of the
// engine's migrations and its own table file (from the module root).
var schemas = []struct {
	name   string
	set    migrate.Set
	tables string
}{
	{"orchestrator", migrate.Orchestrator, "orchestrator/orderstore/orderpg/tables.sql"},
	{"inventory", migrate.Participant, "participants/inventory/inventorypg/tables.sql"},
	{"payment", migrate.Participant, "participants/payment/paymentpg/tables.sql"},
}

func schemaNames() []string {
	names := make([]string, len(schemas))
	for i, s := range schemas {
		names[i] = s.name
	}
	return names
}

// pool connects to url without a search_path, closed when t ends.
func pool(t *testing.T, url string) *pgxpool.Pool {
	t.Helper()
	ctx, cancel := context.WithTimeout(t.Context(), 30*time.Second)
	defer cancel()
	p, err := pgxpool.New(ctx, url)
	require.NoError(t, err)
	t.Cleanup(p.Close)
	return p
}

// migrateAll applies every schema's set and table file, as the example
// does, and returns what Migrate applied per schema.
func migrateAll(t *testing.T, p *pgxpool.Pool) map[string][]int {
	t.Helper()
	applied := map[string][]int{}
	for _, s := range schemas {
		versions, err := migrate.Migrate(t.Context(), p, s.name, s.set)
		require.NoError(t, err)
		applied[s.name] = versions
		require.NoError(t, migrate.Apply(t.Context(), p, s.name, readModuleFile(t, s.tables)))
	}
	return applied
}

// readModuleFile reads a file by its path from the module root.
func readModuleFile(t *testing.T, rel string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(filepath.Dir(testenv.SchemaPath()), filepath.FromSlash(rel)))
	require.NoError(t, err)
	return string(b)
}
