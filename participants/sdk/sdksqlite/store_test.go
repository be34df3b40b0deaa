package sdksqlite_test

import (
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/participants/sdk"
	"github.com/streamsaga/streamsaga/participants/sdk/sdksqlite"
	"github.com/streamsaga/streamsaga/participants/sdk/sdktest"
	"github.com/streamsaga/streamsaga/saga/sqlite"
)

// newStore opens a fresh database file of the test's own and closes it
// when the test ends.
func newStore(t *testing.T) sdksqlite.Store[sqlite.Messaging] {
	t.Helper()
	db, err := sqlite.Open(t.Context(), filepath.Join(t.TempDir(), "messaging.db"))
	require.NoError(t, err)
	t.Cleanup(func() { _ = db.Close() })
	return sdksqlite.NewStore(db, sqlite.NewMessaging)
}

func TestMessaging(t *testing.T) {
	t.Parallel()
	sdktest.RunTx(t, func(t *testing.T) sdk.Store[sqlite.Messaging] { return newStore(t) })
}

func TestPing(t *testing.T) {
	t.Parallel()
	s := newStore(t)
	require.NoError(t, s.Ping(t.Context()))
	require.NoError(t, s.DB.Close())
	require.ErrorContains(t, s.Ping(t.Context()), "pinging SQLite")
}
