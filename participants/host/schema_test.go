package host_test

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/stretchr/testify/require"
	"go.uber.org/goleak"

	"github.com/streamsaga/streamsaga/participants/host"
	"github.com/streamsaga/streamsaga/saga/config"
	"github.com/streamsaga/streamsaga/saga/testenv"
	"github.com/streamsaga/streamsaga/saga/transport"
)

const widgetTables = `CREATE TABLE IF NOT EXISTS widgets (
	id text PRIMARY KEY
)`

// bareService reads its commands and acknowledges them; it gives no HTTP
// handler.
func bareService(name string) host.Service {
	return host.Service{
		Name: name, DefaultAddr: "127.0.0.1:0", Commands: name + ".commands",
		Build: func(host.Deps) (host.Parts, error) {
			return host.Parts{Handler: func(context.Context, transport.Message) error { return nil }}, nil
		},
	}
}

// runUntilHealthy runs svc on dbURL until the test ends and returns the
// base URL of its server once /healthz answers 200.
func runUntilHealthy(t *testing.T, svc host.Service, dbURL string) string {
	ignore := goleak.IgnoreCurrent()
	t.Cleanup(func() { goleak.VerifyNone(t, ignore) })
	rdb, prefix := testenv.Redis(t)
	cfg := config.Config{DatabaseURL: dbURL, RedisURL: testenv.URLOf(rdb), HTTPAddr: freeAddr(t),
		StreamPrefix: prefix, StartupTimeout: 5 * time.Second}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- host.Run(ctx, svc, cfg, quietLogger()) }()
	t.Cleanup(func() {
		cancel()
		require.NoError(t, <-done)
	})
	base := "http://" + cfg.HTTPAddr
	deadline := time.Now().Add(10 * time.Second)
	for {
		if s, _ := get(base + "/healthz"); s == http.StatusOK {
			return base
		}
		select {
		case err := <-done:
			done <- err
			t.Fatalf("Run returned before serving: %v", err)
		case <-time.After(20 * time.Millisecond):
		}
		require.True(t, time.Now().Before(deadline), "/healthz did not answer 200")
	}
}

// tableExists reports whether schema.table exists in the database at url.
func tableExists(t *testing.T, url, schema, table string) bool {
	conn, err := pgx.Connect(t.Context(), url)
	require.NoError(t, err)
	defer conn.Close(context.Background())
	var found *string
	require.NoError(t, conn.QueryRow(t.Context(), "SELECT to_regclass($1)::text", schema+"."+table).Scan(&found))
	return found != nil
}

func TestRunPreparesTheSchemaOfAFreshDatabase(t *testing.T) {
	dbURL := testenv.EmptyDatabase(t)
	svc := bareService("widgets")
	svc.Migrate, svc.Tables = true, widgetTables
	runUntilHealthy(t, svc, dbURL)
	for _, table := range []string{"outbox", "inbox", "barrier", "widgets"} {
		require.True(t, tableExists(t, dbURL, "widgets", table), "widgets.%s is missing", table)
	}
}

// A second start finds the schema prepared and prepares it again without
// error: the migrations are recorded and the service's SQL is idempotent.
func TestRunPreparesTheSchemaOnEveryStart(t *testing.T) {
	dbURL := testenv.EmptyDatabase(t)
	svc := bareService("widgets")
	svc.Migrate, svc.Tables = true, widgetTables
	t.Run("first", func(t *testing.T) { runUntilHealthy(t, svc, dbURL) })
	t.Run("second", func(t *testing.T) { runUntilHealthy(t, svc, dbURL) })
}

func TestRunWithoutMigrateLeavesAFreshDatabaseAlone(t *testing.T) {
	dbURL := testenv.EmptyDatabase(t)
	cfg := config.Config{DatabaseURL: dbURL, RedisURL: testenv.RedisURL(), HTTPAddr: "127.0.0.1:0"}
	err := host.Run(t.Context(), bareService("widgets"), cfg, quietLogger())
	require.ErrorContains(t, err, "apply schema.sql")
	require.False(t, tableExists(t, dbURL, "widgets", "barrier"))
}

func TestRunReportsTheServicesFailingSQL(t *testing.T) {
	cfg := config.Config{DatabaseURL: testenv.EmptyDatabase(t), RedisURL: testenv.RedisURL(), HTTPAddr: "127.0.0.1:0"}
	svc := bareService("widgets")
	svc.Migrate, svc.Tables = true, "CREATE TABLE widgets (id no_such_type)"
	err := host.Run(t.Context(), svc, cfg, quietLogger())
	require.ErrorContains(t, err, "tables of widgets")
}
