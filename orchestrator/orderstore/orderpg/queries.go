package orderpg

// SQL of the order store; tables resolve through search_path.
const (
	qInsertOrders = `
INSERT INTO orders (id, customer_id, items, total_cents, status, saga_id, reason, idempotency_key, request_hash, created_at, updated_at)
SELECT o.id, o.customer_id, o.items::jsonb, o.total_cents, o.status, o.saga_id, o.reason, NULLIF(o.key, ''),
       o.request_hash, o.created_at, o.created_at
FROM (SELECT unnest($1::uuid[]) AS id, unnest($2::text[]) AS customer_id, unnest($3::text[]) AS items,
             unnest($4::bigint[]) AS total_cents, unnest($5::text[]) AS status, unnest($6::uuid[]) AS saga_id,
             unnest($7::text[]) AS reason, unnest($8::text[]) AS key, unnest($9::text[]) AS request_hash,
             unnest($10::timestamptz[]) AS created_at) AS o`

	qOrderColumns = `id, customer_id, items, total_cents, status, saga_id, reason, coalesce(idempotency_key, ''), request_hash, created_at, updated_at`

	qGetOrder = `SELECT ` + qOrderColumns + ` FROM orders WHERE id = $1`

	qOrderBySaga = `SELECT ` + qOrderColumns + ` FROM orders WHERE saga_id = $1`

	qOrdersBySagas = `SELECT ` + qOrderColumns + ` FROM orders WHERE saga_id = ANY($1::uuid[])`

	qOrdersByKeys = `SELECT ` + qOrderColumns + ` FROM orders WHERE idempotency_key = ANY($1::text[])`

	qSetOrderStatuses = `
UPDATE orders o SET status = u.status, reason = u.reason, updated_at = now()
FROM (SELECT unnest($1::uuid[]) AS id, unnest($2::text[]) AS status, unnest($3::text[]) AS reason,
             unnest($4::text[]) AS saga_id) AS u
WHERE o.id = u.id AND (u.saga_id = '' OR o.saga_id = NULLIF(u.saga_id, '')::uuid)`

	// An order changes only for the saga it was placed with, and only if
	// its outcome is new.
	qFinishOrders = qFinishUpdate + `
RETURNING o.id, o.customer_id, o.items, o.total_cents, o.status, o.saga_id, o.reason,
          coalesce(o.idempotency_key, ''), o.request_hash, o.created_at, o.updated_at`

	// qFinishOrders on the condition that every order changes: it divides
	// by zero (pg.IsRowCountCheck) when fewer than $5 did.
	qFinishAllOrders = `
WITH changed AS (` + qFinishUpdate + `
  RETURNING 1)
SELECT 1 / (count(*) = $5::bigint)::int FROM changed`

	// The engine's sagas table is in the same schema: an order whose saga
	// row exists has started.
	// It reads orders_pending from the sweeper's mark, $3 (pg.LowWater).
	qClaimStalled = `
SELECT ` + qOrderColumns + ` FROM orders o
 WHERE status = 'PENDING' AND updated_at >= $3 AND updated_at < $1
   AND NOT EXISTS (SELECT 1 FROM sagas s WHERE s.id = o.saga_id)
 ORDER BY updated_at
 LIMIT $2
 FOR UPDATE SKIP LOCKED`

	// qStalledLow is the earliest PENDING order touched from $1 to before
	// $2, the sweeper's sample for its mark; NULL when there is none.
	qStalledLow = `
SELECT min(updated_at) FROM orders WHERE status = 'PENDING' AND updated_at >= $1 AND updated_at < $2`

	qNoteResend = `UPDATE orders SET updated_at = $2, resends = resends + 1 WHERE id = $1 RETURNING resends`
)

// qFinishUpdate is the update of qFinishOrders and qFinishAllOrders.
const qFinishUpdate = `
UPDATE orders o SET status = u.status, reason = u.reason, updated_at = now()
  FROM (SELECT unnest($1::uuid[]) AS id, unnest($2::uuid[]) AS saga_id, unnest($3::text[]) AS status,
               unnest($4::text[]) AS reason) AS u
 WHERE o.id = u.id AND o.saga_id = u.saga_id
   AND (o.status, o.reason) IS DISTINCT FROM (u.status, u.reason)`
