package inventorypg

// The inventory's SQL. Table names are unqualified: the pool's search_path
// is the inventory schema.
const (
	setStockSQL = `
INSERT INTO stock (sku, available) VALUES ($1, $2)
ON CONFLICT (sku) DO UPDATE SET available = EXCLUDED.available, updated_at = now()
RETURNING sku, available, reserved`

	getStockSQL = `SELECT sku, available, reserved FROM stock WHERE sku = $1`

	// reservationStateSQL is NULL when the saga has no reservation, else
	// whether it was released.
	reservationStateSQL = `SELECT bool_or(released) FROM reservations WHERE saga_id = $1`

	lockStockSQL = `
SELECT sku, available FROM stock WHERE sku = ANY($1::text[])
ORDER BY sku FOR UPDATE`

	// reserveSQL moves the quantities of rows already locked by
	// lockStockSQL and records the reservation lines.
	reserveSQL = `
WITH want AS (
  SELECT sku, quantity FROM unnest($2::text[], $3::bigint[]) AS w(sku, quantity)
), moved AS (
  UPDATE stock s
  SET available = s.available - w.quantity, reserved = s.reserved + w.quantity, updated_at = now()
  FROM want w WHERE s.sku = w.sku
)
INSERT INTO reservations (saga_id, sku, quantity) SELECT $1, sku, quantity FROM want`

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
