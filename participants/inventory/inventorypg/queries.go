package inventorypg

// The inventory's SQL. Table names are unqualified: the pool's search_path
// is the inventory schema.
const (
	setStockSQL = `
INSERT INTO stock (sku, available) VALUES ($1, $2)
ON CONFLICT (sku) DO UPDATE SET available = EXCLUDED.available, updated_at = now()
RETURNING sku, available, reserved`

	getStockSQL = `SELECT sku, available, reserved FROM stock WHERE sku = $1`

	lockStockSQL = `
SELECT sku, available FROM stock WHERE sku = ANY($1::text[])
ORDER BY sku FOR UPDATE`

	lockReleaseSQL = `
SELECT s.sku FROM stock s
JOIN reservations r ON r.sku = s.sku
WHERE r.saga_id = $1 AND NOT r.released
ORDER BY s.sku FOR UPDATE OF s`

	releaseSQL = `
WITH r AS (
  UPDATE reservations SET released = true
  WHERE saga_id = $1 AND NOT released
  RETURNING sku, quantity
)
UPDATE stock s
SET available = s.available + r.quantity, reserved = s.reserved - r.quantity, updated_at = now()
FROM r WHERE s.sku = r.sku`
)

// The statements of ReserveMany: the reservation state of each saga
// (NULL: none) and the lock of every SKU, sent together, then one
// statement that moves the units of every line and records the lines.
const (
	reservationStatesSQL = `
SELECT r.id, (SELECT bool_or(released) FROM reservations WHERE saga_id = r.id::uuid)
FROM unnest($1::text[]) AS r(id)`

	reserveLinesSQL = `
WITH l AS (
  SELECT saga_id::uuid AS saga_id, sku, quantity
  FROM (SELECT unnest($1::text[]) AS saga_id, unnest($2::text[]) AS sku, unnest($3::bigint[]) AS quantity) AS l
), t AS (
  SELECT sku, sum(quantity) AS quantity FROM l GROUP BY sku
), moved AS (
  UPDATE stock s
  SET available = s.available - t.quantity, reserved = s.reserved + t.quantity, updated_at = now()
  FROM t WHERE s.sku = t.sku
)
INSERT INTO reservations (saga_id, sku, quantity) SELECT saga_id, sku, quantity FROM l`
)
