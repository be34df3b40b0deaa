package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"sync"
	"time"

	// The pure-Go SQLite driver, registered as "sqlite".
	_ "modernc.org/sqlite"
)

// busyTimeout is how long a writer waits for another to finish before its
// BEGIN fails.
const busyTimeout = 30 * time.Second

// DB is one service's SQLite database file.
type DB struct {
	// SQL is the handle; every transaction it begins is IMMEDIATE.
	SQL  *sql.DB
	path string

	mu      sync.Mutex
	changed chan struct{} // closed and replaced when the outbox gains rows
}

// Open opens (creating if needed) the database file at path and applies the
// messaging tables' DDL and then ddl, every statement idempotent.
func Open(ctx context.Context, path string, ddl ...string) (*DB, error) {
	if path == "" {
		return nil, errors.New("opening SQLite: no file name")
	}
	h, err := sql.Open("sqlite", dsn(path))
	if err != nil {
		return nil, fmt.Errorf("opening SQLite %s: %w", path, err)
	}
	db := &DB{SQL: h, path: path, changed: make(chan struct{})}
	for _, stmt := range append([]string{MessagingDDL}, ddl...) {
		if _, err := h.ExecContext(ctx, stmt); err != nil {
			_ = h.Close()
			return nil, fmt.Errorf("creating tables in %s: %w", path, err)
		}
	}
	return db, nil
}

// dsn sets what every connection needs: immediate transactions, a busy
// timeout, the write-ahead log (readers do not wait for the writer) and
// foreign keys.
func dsn(path string) string {
	q := url.Values{}
	q.Set("_txlock", "immediate")
	q.Add("_pragma", fmt.Sprintf("busy_timeout(%d)", busyTimeout.Milliseconds()))
	q.Add("_pragma", "journal_mode(WAL)")
	q.Add("_pragma", "synchronous(NORMAL)")
	q.Add("_pragma", "foreign_keys(ON)")
	return "file:" + path + "?" + q.Encode()
}

// Path is the database file's name.
func (db *DB) Path() string { return db.path }

// Ping checks that the file can be read.
func (db *DB) Ping(ctx context.Context) error {
	if err := db.SQL.PingContext(ctx); err != nil {
		return fmt.Errorf("pinging SQLite %s: %w", db.path, err)
	}
	return nil
}

// Close closes the handle.
func (db *DB) Close() error { return db.SQL.Close() }

// outboxChanged wakes every waiting relay.
func (db *DB) outboxChanged() {
	db.mu.Lock()
	close(db.changed)
	db.changed = make(chan struct{})
	db.mu.Unlock()
}

// changes is closed at the next outboxChanged.
func (db *DB) changes() <-chan struct{} {
	db.mu.Lock()
	defer db.mu.Unlock()
	return db.changed
}
