package inventorysqlite

// The inventory's SQL. Every write runs in a transaction that holds the
// database's write lock, so reads need no FOR UPDATE. Times are bound as
// microseconds (sqlite.Micros).
const (
	setStockSQL = `
INSERT INTO stock (sku, available, updated_at) VALUES (?1, ?2, ?3)
ON CONFLICT (sku) DO UPDATE SET available = excluded.available, updated_at = excluded.updated_at
RETURNING sku, available, reserved`

	getStockSQL = `SELECT sku, available, reserved FROM stock WHERE sku = ?1`

	// reservationStateSQL is NULL when the saga has no reservation, else
	// whether it was released.
	reservationStateSQL = `SELECT max(released) FROM reservations WHERE saga_id = ?1`

	// readStockSQL reads the available units of the SKUs of a JSON array of
	// strings.
	readStockSQL = `
SELECT sku, available FROM stock
WHERE sku IN (SELECT j.value FROM json_each(?1) AS j)
ORDER BY sku`

	// moveSQL moves the quantities of a JSON array of items from available
	// to reserved.
	moveSQL = `
UPDATE stock AS s
SET available = s.available - (w.value ->> 'quantity'),
    reserved = s.reserved + (w.value ->> 'quantity'),
    updated_at = ?2
FROM json_each(?1) AS w
WHERE s.sku = w.value ->> 'sku'`

	// insertReservationSQL records the reservation lines of a JSON array of
	// items.
	insertReservationSQL = `
INSERT INTO reservations (saga_id, sku, quantity, created_at)
SELECT ?1, w.value ->> 'sku', w.value ->> 'quantity', ?3
FROM json_each(?2) AS w`

	// restoreSQL returns the units of the saga's unreleased lines to
	// available; markReleasedSQL, which must follow it, marks those lines
	// released.
	restoreSQL = `
UPDATE stock AS s
SET available = s.available + r.quantity, reserved = s.reserved - r.quantity, updated_at = ?2
FROM (SELECT sku, quantity FROM reservations WHERE saga_id = ?1 AND NOT released) AS r
WHERE s.sku = r.sku`

	markReleasedSQL = `UPDATE reservations SET released = 1 WHERE saga_id = ?1 AND NOT released`
)
