// Package sdksqlite is the part of a participant's embedded SQLite driver
// that every service shares: Store runs the service's transactions over a
// saga/sqlite database file, each built over one transaction (normally
// embedding saga/sqlite's Messaging for the outbox, inbox and barrier), and
// pings the file. A driver embeds Store and adds its own queries on DB.
//
// Every transaction is BEGIN IMMEDIATE: it holds the database's write lock
// from its start, so what the PostgreSQL drivers lock with SELECT ... FOR
// UPDATE is read here with a plain SELECT, and writers take turns.
package sdksqlite
