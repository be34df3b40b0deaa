package testenv

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

// Database creates a fresh database with schema.sql applied and returns its
// URL. The database is dropped when the test ends.
func Database(t testing.TB) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	admin, err := pgx.Connect(ctx, PostgresURL())
	if err != nil {
		unavailable(t, "PostgreSQL", "STREAMSAGA_TEST_DATABASE_URL", err)
	}
	defer admin.Close(ctx)
	tmpl, err := ensureTemplate(ctx, admin)
	if err != nil {
		t.Fatalf("preparing template database: %v", err)
	}
	name := "streamsaga_t_" + RandomSuffix()
	if _, err := admin.Exec(ctx, fmt.Sprintf("CREATE DATABASE %s TEMPLATE %s", name, tmpl)); err != nil {
		t.Fatalf("creating test database: %v", err)
	}
	t.Cleanup(func() { dropDatabase(t, name) })
	return withDatabase(PostgresURL(), name)
}

func dropDatabase(t testing.TB, name string) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	admin, err := pgx.Connect(ctx, PostgresURL())
	if err != nil {
		t.Logf("dropping %s: %v", name, err)
		return
	}
	defer admin.Close(ctx)
	if _, err := admin.Exec(ctx, "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)"); err != nil {
		t.Logf("dropping %s: %v", name, err)
	}
}

// ensureTemplate makes the template database for the current schema.sql
// once; concurrent test binaries serialise on an advisory lock.
func ensureTemplate(ctx context.Context, admin *pgx.Conn) (string, error) {
	schema, err := os.ReadFile(SchemaPath())
	if err != nil {
		return "", fmt.Errorf("reading schema.sql: %w", err)
	}
	sum := sha256.Sum256(schema)
	name := "streamsaga_tmpl_" + hex.EncodeToString(sum[:6])
	if _, err := admin.Exec(ctx, "SELECT pg_advisory_lock(774411)"); err != nil {
		return "", fmt.Errorf("locking template creation: %w", err)
	}
	defer admin.Exec(context.Background(), "SELECT pg_advisory_unlock(774411)")
	var exists bool
	if err := admin.QueryRow(ctx, "SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)", name).Scan(&exists); err != nil {
		return "", fmt.Errorf("looking for template: %w", err)
	}
	if exists {
		return name, nil
	}
	return name, buildTemplate(ctx, admin, name, string(schema))
}

func buildTemplate(ctx context.Context, admin *pgx.Conn, name, schema string) error {
	tmp := name + "_build"
	if _, err := admin.Exec(ctx, "DROP DATABASE IF EXISTS "+tmp+" WITH (FORCE)"); err != nil {
		return fmt.Errorf("dropping stale template: %w", err)
	}
	if _, err := admin.Exec(ctx, "CREATE DATABASE "+tmp); err != nil {
		return fmt.Errorf("creating template: %w", err)
	}
	conn, err := pgx.Connect(ctx, withDatabase(PostgresURL(), tmp))
	if err != nil {
		return fmt.Errorf("connecting to template: %w", err)
	}
	_, err = conn.Exec(ctx, schema)
	conn.Close(ctx)
	if err != nil {
		return fmt.Errorf("applying schema.sql: %w", err)
	}
	if _, err := admin.Exec(ctx, fmt.Sprintf("ALTER DATABASE %s RENAME TO %s", tmp, name)); err != nil {
		return fmt.Errorf("renaming template: %w", err)
	}
	return nil
}

func withDatabase(raw, name string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return raw
	}
	u.Path = "/" + name
	return u.String()
}

// SchemaPath finds schema.sql at the module root, walking up from the
// working directory.
func SchemaPath() string {
	dir, _ := os.Getwd()
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return filepath.Join(dir, "schema.sql")
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "schema.sql"
		}
		dir = parent
	}
}

var (
	probeOnce sync.Once
	probeOK   bool
)

// HasPostgres reports whether the test PostgreSQL answers, asking once per
// test binary. It is always true when services are required, so that
// Database then fails loudly instead of a test quietly taking another
// driver.
func HasPostgres() bool {
	if required() {
		return true
	}
	probeOnce.Do(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		conn, err := pgx.Connect(ctx, PostgresURL())
		if err == nil {
			probeOK = true
			_ = conn.Close(ctx)
		}
	})
	return probeOK
}
