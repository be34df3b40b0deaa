package testenv

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

// EmptyDatabase creates a fresh database without schema.sql and returns its
// URL, for tests that build the tables themselves. The database is dropped
// when the test ends.
func EmptyDatabase(t testing.TB) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	admin, err := pgx.Connect(ctx, PostgresURL())
	if err != nil {
		unavailable(t, "PostgreSQL", "STREAMSAGA_TEST_DATABASE_URL", err)
	}
	defer admin.Close(ctx)
	name := "streamsaga_t_" + RandomSuffix()
	if _, err := admin.Exec(ctx, fmt.Sprintf("CREATE DATABASE %s", name)); err != nil {
		t.Fatalf("creating test database: %v", err)
	}
	t.Cleanup(func() { dropDatabase(t, name) })
	return withDatabase(PostgresURL(), name)
}
