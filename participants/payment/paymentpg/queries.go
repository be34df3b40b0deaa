package paymentpg

// The payment service's SQL. Table names are unqualified: the pool's
// search_path is the payment schema.
const (
	setBalanceSQL = `
INSERT INTO accounts (customer_id, balance_cents) VALUES ($1, $2)
ON CONFLICT (customer_id) DO UPDATE SET balance_cents = EXCLUDED.balance_cents, updated_at = now()
RETURNING customer_id, balance_cents`

	getAccountSQL = `SELECT customer_id, balance_cents FROM accounts WHERE customer_id = $1`

	lockAccountSQL = `SELECT balance_cents FROM accounts WHERE customer_id = $1 FOR UPDATE`

	// paymentStateSQL returns the saga's payment, if any, and whether it
	// was refunded.
	paymentStateSQL = `SELECT refunded FROM payments WHERE saga_id = $1`

	debitSQL = `
UPDATE accounts SET balance_cents = balance_cents - $2, updated_at = now()
WHERE customer_id = $1`

	insertPaymentSQL = `
INSERT INTO payments (saga_id, customer_id, amount_cents) VALUES ($1, $2, $3)`

	// refundSQL marks the payment refunded, once, and credits its account
	// with the amount.
	refundSQL = `
WITH p AS (
  UPDATE payments SET refunded = true, updated_at = now()
  WHERE saga_id = $1 AND NOT refunded
  RETURNING customer_id, amount_cents
)
UPDATE accounts a SET balance_cents = a.balance_cents + p.amount_cents, updated_at = now()
FROM p WHERE a.customer_id = p.customer_id`
)
