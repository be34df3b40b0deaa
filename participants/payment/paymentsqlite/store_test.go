package paymentsqlite_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/participants/payment"
	"github.com/streamsaga/streamsaga/participants/payment/paymentsqlite"
	"github.com/streamsaga/streamsaga/participants/payment/paymenttest"
)

func TestStore(t *testing.T) {
	t.Parallel()
	paymenttest.RunStore(t, func(t *testing.T) payment.Store {
		return paymentsqlite.New(openDB(t, dbPath(t)))
	})
}

func TestPing(t *testing.T) {
	t.Parallel()
	db := openDB(t, dbPath(t))
	s := paymentsqlite.New(db)
	require.NoError(t, s.Ping(t.Context()))
	require.NoError(t, db.Close())
	require.ErrorContains(t, s.Ping(t.Context()), "pinging SQLite")
}

func TestOpenWithoutPath(t *testing.T) {
	t.Parallel()
	_, err := paymentsqlite.Open(t.Context(), "")
	require.ErrorContains(t, err, "opening payment database")
}
