package sdksqlite

import (
	"context"

	"github.com/streamsaga/streamsaga/participants/sdk"
	"github.com/streamsaga/streamsaga/saga/sqlite"
)

// Store runs transactions of type T over a database file; it is an
// sdk.Store[T].
type Store[T sdk.Tx] struct {
	// DB is the service's database file.
	DB    *sqlite.DB
	newTx func(tx *sqlite.Tx) T
}

// NewStore returns a store over db whose transactions newTx builds over a
// SQLite transaction.
func NewStore[T sdk.Tx](db *sqlite.DB, newTx func(tx *sqlite.Tx) T) Store[T] {
	return Store[T]{DB: db, newTx: newTx}
}

// InTx runs fn in one IMMEDIATE transaction and commits it when fn returns
// nil.
func (s Store[T]) InTx(ctx context.Context, fn func(ctx context.Context, tx T) error) error {
	return sqlite.InTx(ctx, s.DB, func(tx *sqlite.Tx) error { return fn(ctx, s.newTx(tx)) })
}

// Ping checks that the database file can be read.
func (s Store[T]) Ping(ctx context.Context) error { return s.DB.Ping(ctx) }
