package testenv

import (
	"crypto/rand"
	"encoding/hex"
	"os"
	"testing"
)

// PostgresURL is the admin URL tests create databases through:
// STREAMSAGA_TEST_DATABASE_URL, default postgres on 127.0.0.1:5432.
func PostgresURL() string {
	return envOr("STREAMSAGA_TEST_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable")
}

// RedisURL is the Redis tests use: STREAMSAGA_TEST_REDIS_URL, default
// 127.0.0.1:6379 database 0.
func RedisURL() string {
	return envOr("STREAMSAGA_TEST_REDIS_URL", "redis://127.0.0.1:6379/0")
}

func envOr(k, def string) string {
	if v := os.Getenv(k); v != "" {
		return v
	}
	return def
}

// required reports whether missing back ends fail tests instead of skipping.
func required() bool { return Required() }

// Required reports whether a test that cannot reach or start a back end
// fails instead of skipping: when STREAMSAGA_REQUIRE_SERVICES or CI is set.
func Required() bool {
	return os.Getenv("STREAMSAGA_REQUIRE_SERVICES") != "" || os.Getenv("CI") != ""
}

func unavailable(t testing.TB, what, envVar string, err error) {
	t.Helper()
	if required() {
		t.Fatalf("%s is required (STREAMSAGA_REQUIRE_SERVICES or CI is set) but unreachable: %v", what, err)
	}
	t.Skipf("skipping: %s unreachable (%v); set %s to run this test", what, err, envVar)
}

// RandomSuffix returns 12 random hex characters for unique names.
func RandomSuffix() string {
	var b [6]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}
