package paymentpg

// The payment service's SQL. Table names are unqualified: the pool's
// search_path is the payment schema.
const (
	setBalanceSQL = `
INSERT INTO accounts (customer_id, balance_cents) VALUES ($1, $2)
ON CONFLICT (customer_id) DO UPDATE SET balance_cents = EXCLUDED.balance_cents, updated_at = now()
RETURNING customer_id, balance_cents`

	getAccountSQL = `SELECT customer_id, balance_cents FROM accounts WHERE customer_id = $1`

	// chargeSQL charges in one statement: it locks the account, reads the
	// saga's earlier payment, takes the amount when the balance covers it
	// and no payment exists, and records the payment. It returns the
	// balance (NULL: no account), the earlier payment's refunded flag (NULL:
	// none) and whether this statement charged. Commands of one saga step
	// reach it one at a time (the barrier row is locked first), and a
	// concurrent charge of another saga to the same account waits for the
	// row and sees its new balance.
	chargeSQL = `
WITH acct AS (
  SELECT balance_cents FROM accounts WHERE customer_id = $2 FOR UPDATE
), prior AS (
  SELECT refunded FROM payments WHERE saga_id = $1
), debit AS (
  UPDATE accounts SET balance_cents = balance_cents - $3, updated_at = now()
  WHERE customer_id = $2 AND balance_cents >= $3 AND NOT EXISTS (SELECT 1 FROM prior)
  RETURNING customer_id
), paid AS (
  INSERT INTO payments (saga_id, customer_id, amount_cents)
  SELECT $1, customer_id, $3 FROM debit
  RETURNING saga_id
)
SELECT (SELECT balance_cents FROM acct), (SELECT refunded FROM prior), EXISTS (SELECT 1 FROM paid)`

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

// The statements of ChargeMany: each saga's earlier payment (NULL: none)
// and the lock of every account, sent together, then one statement that
// debits the accounts and records the payments.
const (
	paymentStatesSQL = `
SELECT r.id, (SELECT refunded FROM payments WHERE saga_id = r.id::uuid)
FROM unnest($1::text[]) AS r(id)`

	lockAccountsSQL = `
SELECT customer_id, balance_cents FROM accounts WHERE customer_id = ANY($1::text[])
ORDER BY customer_id FOR UPDATE`

	chargeManySQL = `
WITH d AS (
  SELECT saga_id::uuid AS saga_id, customer_id, amount
  FROM (SELECT unnest($1::text[]) AS saga_id, unnest($2::text[]) AS customer_id, unnest($3::bigint[]) AS amount) AS d
), t AS (
  SELECT customer_id, sum(amount) AS amount FROM d GROUP BY customer_id
), debit AS (
  UPDATE accounts a SET balance_cents = a.balance_cents - t.amount, updated_at = now()
  FROM t WHERE a.customer_id = t.customer_id
)
INSERT INTO payments (saga_id, customer_id, amount_cents) SELECT saga_id, customer_id, amount FROM d`
)
