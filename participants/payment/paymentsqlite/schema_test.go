package paymentsqlite_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/participants/payment/paymentsqlite"
	"github.com/streamsaga/streamsaga/participants/payment/paymenttest"
)

// TestConstraints writes around the store: the tables themselves refuse a
// negative balance or amount, a second payment for a saga and values of
// the wrong type.
func TestConstraints(t *testing.T) {
	t.Parallel()
	db := openDB(t, dbPath(t))
	paymenttest.SetBalance(t, paymentsqlite.New(db), "c1", 100)
	_, err := db.SQL.ExecContext(t.Context(), `INSERT INTO payments (saga_id, customer_id, amount_cents, created_at, updated_at)
		VALUES ('s1', 'c1', 1, 0, 0)`)
	require.NoError(t, err)
	for name, c := range map[string]struct{ stmt, want string }{
		"negative balance":   {`UPDATE accounts SET balance_cents = -1 WHERE customer_id = 'c1'`, "balance_cents >= 0"},
		"empty customer":     {`INSERT INTO accounts (customer_id, balance_cents, updated_at) VALUES ('', 1, 0)`, "customer_id <> ''"},
		"text balance":       {`UPDATE accounts SET balance_cents = 'lots' WHERE customer_id = 'c1'`, "cannot store TEXT value"},
		"negative amount":    {`UPDATE payments SET amount_cents = -1 WHERE saga_id = 's1'`, "amount_cents >= 0"},
		"refunded not bool":  {`UPDATE payments SET refunded = 2 WHERE saga_id = 's1'`, "refunded IN (0, 1)"},
		"second saga charge": {`INSERT INTO payments (saga_id, customer_id, amount_cents, created_at, updated_at) VALUES ('s1', 'c1', 1, 0, 0)`, "UNIQUE"},
	} {
		_, err := db.SQL.ExecContext(t.Context(), c.stmt)
		require.ErrorContains(t, err, c.want, name)
	}
	paymenttest.RequireBalance(t, paymentsqlite.New(db), "c1", 100)
}
