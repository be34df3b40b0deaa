package ordersqlite

// SQL of the order store. Set-based statements read their rows from one
// JSON array parameter through json_each (rows.go); json_each has a column
// named id, so every column in those statements is qualified.
const (
	qInsertOrders = `
INSERT INTO orders (id, customer_id, items, total_cents, status, saga_id, reason, idempotency_key, request_hash, created_at, updated_at)
SELECT o.value ->> 'id', o.value ->> 'customer_id', o.value ->> 'items', o.value ->> 'total_cents',
       o.value ->> 'status', o.value ->> 'saga_id', o.value ->> 'reason', NULLIF(o.value ->> 'idempotency_key', ''),
       o.value ->> 'request_hash', o.value ->> 'created_at', o.value ->> 'created_at'
FROM json_each(?1) AS o
ORDER BY o.key`

	qOrderColumns = `o.id, o.customer_id, o.items, o.total_cents, o.status, o.saga_id, o.reason,
       coalesce(o.idempotency_key, ''), o.request_hash, o.created_at, o.updated_at`

	qGetOrder = `SELECT ` + qOrderColumns + ` FROM orders AS o WHERE o.id = ?1`

	qOrderBySaga = `SELECT ` + qOrderColumns + ` FROM orders AS o WHERE o.saga_id = ?1`

	qOrdersBySagas = `
SELECT ` + qOrderColumns + ` FROM orders AS o
 WHERE o.saga_id IN (SELECT k.value FROM json_each(?1) AS k)`

	qOrdersByKeys = `
SELECT ` + qOrderColumns + ` FROM orders AS o
 WHERE o.idempotency_key IN (SELECT k.value FROM json_each(?1) AS k)`

	qSetOrderStatuses = `
UPDATE orders AS o SET status = u.value ->> 'status', reason = u.value ->> 'reason', updated_at = ?2
  FROM json_each(?1) AS u
 WHERE o.id = u.value ->> 'id' AND (u.value ->> 'saga_id' = '' OR o.saga_id = u.value ->> 'saga_id')`

	// An order changes only for the saga it was placed with, and only if
	// its outcome is new. RETURNING names the orders table's own columns:
	// it takes no alias.
	qFinishOrders = `
UPDATE orders AS o SET status = u.value ->> 'status', reason = u.value ->> 'reason', updated_at = ?2
  FROM json_each(?1) AS u
 WHERE o.id = u.value ->> 'id' AND o.saga_id = u.value ->> 'saga_id'
   AND (o.status IS NOT u.value ->> 'status' OR o.reason IS NOT u.value ->> 'reason')
RETURNING id, customer_id, items, total_cents, status, saga_id, reason,
          coalesce(idempotency_key, ''), request_hash, created_at, updated_at`

	// No FOR UPDATE SKIP LOCKED: the transaction holds the database's write
	// lock from BEGIN (see doc.go). The engine's sagas table is in the same
	// file: an order whose saga row exists has started.
	qClaimStalled = `
SELECT ` + qOrderColumns + ` FROM orders AS o
 WHERE o.status = 'PENDING' AND o.updated_at < ?1
   AND NOT EXISTS (SELECT 1 FROM sagas AS s WHERE s.id = o.saga_id)
 ORDER BY o.updated_at
 LIMIT ?2`

	qNoteResend = `UPDATE orders SET updated_at = ?2, resends = resends + 1 WHERE id = ?1 RETURNING resends`
)
