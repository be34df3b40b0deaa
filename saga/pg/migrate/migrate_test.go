package migrate_test

import (
	"sync"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/saga/pg/migrate"
	"github.com/streamsaga/streamsaga/saga/testenv"
)

// schema.sql and the migrations plus the example's table files make the
// same tables, columns, indexes, constraints, triggers and functions.
func TestSchemaSQLEqualsMigrations(t *testing.T) {
	fromSchemaSQL := pool(t, testenv.Database(t))
	fromMigrations := pool(t, testenv.EmptyDatabase(t))
	migrateAll(t, fromMigrations)

	want := catalog(t, fromSchemaSQL, schemaNames()...)
	require.NotEmpty(t, want)
	require.Equal(t, want, catalog(t, fromMigrations, schemaNames()...),
		"schema.sql and saga/pg/migrate (plus the example's table files) have drifted apart")
}

func TestMigrateAppliesEachSetOnce(t *testing.T) {
	p := pool(t, testenv.EmptyDatabase(t))
	first := migrateAll(t, p)
	require.Equal(t, map[string][]int{"orchestrator": {1, 2, 4, 6, 7}, "inventory": {1, 3, 5, 6}, "payment": {1, 3, 5, 6}}, first)
	before := catalog(t, p, schemaNames()...)

	second := migrateAll(t, p)
	require.Equal(t, map[string][]int{"orchestrator": nil, "inventory": nil, "payment": nil}, second)
	require.Equal(t, before, catalog(t, p, schemaNames()...))
	for _, s := range schemas {
		recorded, err := migrate.Applied(t.Context(), p, s.name)
		require.NoError(t, err)
		require.Equal(t, first[s.name], recorded, s.name)
	}
}

// A database made by schema.sql is recognised: every migration runs as a
// no-op and is recorded.
func TestMigrateRecognisesSchemaSQL(t *testing.T) {
	p := pool(t, testenv.Database(t))
	before := catalog(t, p, schemaNames()...)

	applied := migrateAll(t, p)
	require.Equal(t, map[string][]int{"orchestrator": {1, 2, 4, 6, 7}, "inventory": {1, 3, 5, 6}, "payment": {1, 3, 5, 6}}, applied)
	require.Equal(t, before, catalog(t, p, schemaNames()...))
	for _, s := range schemas {
		recorded, err := migrate.Applied(t.Context(), p, s.name)
		require.NoError(t, err)
		require.Equal(t, applied[s.name], recorded, s.name)
	}
	require.Empty(t, migrateAll(t, p)["orchestrator"])
}

func TestConcurrentMigrateBothSucceed(t *testing.T) {
	p := pool(t, testenv.EmptyDatabase(t))
	const callers = 4
	results := make([][]int, callers)
	errs := make([]error, callers)
	var wg sync.WaitGroup
	for i := range callers {
		wg.Go(func() {
			results[i], errs[i] = migrate.Migrate(t.Context(), p, "orchestrator", migrate.Orchestrator)
		})
	}
	wg.Wait()
	var all []int
	for i := range callers {
		require.NoError(t, errs[i])
		all = append(all, results[i]...)
	}
	require.ElementsMatch(t, []int{1, 2, 4, 6, 7}, all, "each migration applied by exactly one caller")
	recorded, err := migrate.Applied(t.Context(), p, "orchestrator")
	require.NoError(t, err)
	require.Equal(t, []int{1, 2, 4, 6, 7}, recorded)
}

func TestAppliedOnAnEmptySchema(t *testing.T) {
	p := pool(t, testenv.EmptyDatabase(t))
	recorded, err := migrate.Applied(t.Context(), p, "nowhere")
	require.NoError(t, err)
	require.Empty(t, recorded)
}

func TestMigrateRefusesAnEmptySchema(t *testing.T) {
	_, err := migrate.Migrate(t.Context(), nil, "", migrate.Orchestrator)
	require.ErrorContains(t, err, "schema is empty")
}
