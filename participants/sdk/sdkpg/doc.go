// Package sdkpg is the part of a participant's PostgreSQL driver that every
// service shares: Store runs the service's transactions over a pgx pool,
// each built over one pgx transaction (normally embedding saga/pg's
// Messaging for the outbox, inbox and barrier), and pings the database. A
// driver embeds Store and adds its own queries on Pool.
package sdkpg
