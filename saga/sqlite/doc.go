// Package sqlite is the embedded SQLite driver of the messaging stores: the
// transactional outbox and its relay source, the inbox and the barrier,
// over modernc.org/sqlite (pure Go, no cgo).
//
// It is the development driver: one file per service, every write
// transaction BEGIN IMMEDIATE, so writers take turns and what PostgreSQL
// does with row locks (FOR UPDATE, SKIP LOCKED) needs no counterpart here.
// Set-based statements read their rows from one JSON array through
// json_each, as the PostgreSQL driver reads arrays through unnest. The
// relay is woken in-process when a transaction that wrote to the outbox
// commits, and polls PRAGMA data_version for writes of other handles.
// Services open their file with Open, passing their own tables' DDL, and
// hand it to the process as backend.DB with NewBackend (its courier does
// nothing: the relay is woken already).
package sqlite
