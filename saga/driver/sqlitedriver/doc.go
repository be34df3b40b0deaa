// Package sqlitedriver is the embedded SQLite driver of the engine's store:
// one database file holding sagas, their history and the registered
// definitions (DDL) next to the outbox and inbox of saga/sqlite, whose
// Messaging every transaction embeds. Open creates or opens the file; New
// wraps it. An application keeps its own tables in the same file and
// writes them in the engine's transactions: Unwrap gives the *sql.Tx under
// an engine transaction, and Wrap is the engine's view of one the
// application began itself.
//
// Locking. Every transaction begins IMMEDIATE, so it holds the database's
// one write lock from BEGIN to COMMIT and writers take turns (a second
// writer waits up to saga/sqlite's busy timeout). What the PostgreSQL
// driver gets from row locks therefore needs nothing here: ClaimDueSagas
// is a plain select (no FOR UPDATE SKIP LOCKED), since no other
// transaction can touch what it returns until the claiming one ends, and a
// transaction that begins after it sees its committed changes (a saved
// deadline). Version-checked
// saves still compare the stored version and fail with saga.ErrConflict,
// which catches instances loaded in an earlier transaction. Because the
// lock is the whole database, a transaction must not begin another one
// and wait for it: the inner BEGIN waits for the outer to end and fails
// when the busy timeout expires. Reads on the Store (GetSaga, History,
// ListSagas) run outside transactions and, with the write-ahead log, never
// wait for the writer.
//
// Storage. Ids are UUIDs kept as text in canonical lower-case form (any
// spelling is accepted, as by PostgreSQL's uuid type; a non-UUID id finds
// nothing and cannot be stored); JSON documents are text checked with
// json_valid; times are INTEGER microseconds since the Unix epoch, read
// back in UTC. Set-based statements read their rows from one JSON array
// through json_each, as the PostgreSQL driver reads arrays through unnest.
package sqlitedriver
