package paymentsqlite_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/participants/payment/paymentsqlite"
	"github.com/streamsaga/streamsaga/participants/payment/paymenttest"
	"github.com/streamsaga/streamsaga/saga"
)

// TestReopenKeepsData closes the file and opens it again (applying the DDL
// a second time): the balance and the payment are still there, so charging
// the saga again changes nothing and its refund credits the account.
func TestReopenKeepsData(t *testing.T) {
	t.Parallel()
	path := dbPath(t)
	db := openDB(t, path)
	s := paymentsqlite.New(db)
	paymenttest.SetBalance(t, s, "c1", 5000)
	sagaID := saga.NewID()
	require.Empty(t, paymenttest.Charge(t, s, sagaID, "c1", 1200))
	require.NoError(t, db.Close())

	s = paymentsqlite.New(openDB(t, path))
	paymenttest.RequireBalance(t, s, "c1", 3800)
	require.Empty(t, paymenttest.Charge(t, s, sagaID, "c1", 1200), "the payment was kept")
	paymenttest.RequireBalance(t, s, "c1", 3800)
	paymenttest.Refund(t, s, sagaID)
	paymenttest.RequireBalance(t, s, "c1", 5000)
}
