package paymentsqlite

// The payment service's SQL. Every write runs in a transaction that holds
// the database's write lock, so reads need no FOR UPDATE. Times are bound
// as microseconds (sqlite.Micros).
const (
	setBalanceSQL = `
INSERT INTO accounts (customer_id, balance_cents, updated_at) VALUES (?1, ?2, ?3)
ON CONFLICT (customer_id) DO UPDATE SET balance_cents = excluded.balance_cents, updated_at = excluded.updated_at
RETURNING customer_id, balance_cents`

	getAccountSQL = `SELECT customer_id, balance_cents FROM accounts WHERE customer_id = ?1`

	// readBalanceSQL reads the balance a charge checks; the transaction's
	// write lock keeps it until the debit.
	readBalanceSQL = `SELECT balance_cents FROM accounts WHERE customer_id = ?1`

	// paymentStateSQL returns the saga's payment, if any, and whether it
	// was refunded.
	paymentStateSQL = `SELECT refunded FROM payments WHERE saga_id = ?1`

	debitSQL = `
UPDATE accounts SET balance_cents = balance_cents - ?2, updated_at = ?3
WHERE customer_id = ?1`

	insertPaymentSQL = `
INSERT INTO payments (saga_id, customer_id, amount_cents, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?4)`

	// creditSQL credits the account of the saga's unrefunded payment with
	// its amount; markRefundedSQL, which must follow it, marks the payment
	// refunded.
	creditSQL = `
UPDATE accounts AS a SET balance_cents = a.balance_cents + p.amount_cents, updated_at = ?2
FROM payments AS p
WHERE p.saga_id = ?1 AND NOT p.refunded AND a.customer_id = p.customer_id`

	markRefundedSQL = `UPDATE payments SET refunded = 1, updated_at = ?2 WHERE saga_id = ?1 AND NOT refunded`

	// refundOverflowsSQL tells whether crediting the saga's unrefunded
	// payment would take the balance past the largest int64 (amounts are
	// never negative, so the subtraction cannot overflow).
	refundOverflowsSQL = `
SELECT a.balance_cents > 9223372036854775807 - p.amount_cents
FROM payments AS p JOIN accounts AS a ON a.customer_id = p.customer_id
WHERE p.saga_id = ?1 AND NOT p.refunded`
)
