// Package bookings is what the trip example's participants (flights,
// hotels, cars) share: a transaction that runs their own SQL next to the
// SDK's outbox, inbox and barrier on PostgreSQL or SQLite, the wiring of a
// participant as a host service, and a small read-only API over its table.
//
// A participant is a Participant value: its name, command stream, default
// HTTP address, its table (created by its own idempotent DDL, Tables) and
// its sdk.Step. Its table has at least the columns
//
//	reference TEXT PRIMARY KEY  -- the booking's reference, named by the saga
//	saga_id   TEXT NOT NULL
//	state     TEXT NOT NULL     -- 'booked' or 'cancelled'
//
// which the API reads:
//
//	GET /bookings/{reference} -> {"reference", "saga_id", "state"}, or 404
//	GET /bookings             -> {"booked": n, "cancelled": n}
//	GET /healthz
//
// Statements are written once for both databases, with $1, $2 ...
// placeholders (SQLite reads them too) and portable types. The SQLite
// store lives in bookingsqlite, so a process on PostgreSQL links no SQLite.
package bookings
