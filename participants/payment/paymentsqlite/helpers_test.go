package paymentsqlite_test

import (
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/participants/payment/paymentsqlite"
	"github.com/streamsaga/streamsaga/saga/sqlite"
)

// dbPath is the name of a fresh database file in the test's own directory.
func dbPath(t *testing.T) string { return filepath.Join(t.TempDir(), "payment.db") }

// openDB opens the database file at path and closes it when the test ends.
func openDB(t *testing.T, path string) *sqlite.DB {
	t.Helper()
	db, err := paymentsqlite.Open(t.Context(), path)
	require.NoError(t, err)
	t.Cleanup(func() { _ = db.Close() })
	return db
}
