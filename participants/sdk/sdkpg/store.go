package sdkpg

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/streamsaga/streamsaga/participants/sdk"
	"github.com/streamsaga/streamsaga/saga/pg"
)

// Store runs transactions of type T over a DB; it is an sdk.Store[T].
type Store[T sdk.Tx] struct {
	// Pool is the service's pool, whose search_path is its schema.
	Pool  *pgxpool.Pool
	db    *pg.DB
	newTx func(tx pgx.Tx) T
}

// NewStore returns a store over pool whose transactions newTx builds over
// a pgx transaction; they write their outbox rows for the relay.
func NewStore[T sdk.Tx](pool *pgxpool.Pool, newTx func(tx pgx.Tx) T) Store[T] {
	return StoreFromDB(pg.NewDB(pool, pg.DBConfig{}), newTx)
}

// StoreFromDB returns a store over db whose transactions newTx builds over
// a pgx transaction; they hand their outbox messages to db's courier.
func StoreFromDB[T sdk.Tx](db *pg.DB, newTx func(tx pgx.Tx) T) Store[T] {
	return Store[T]{Pool: db.Pool(), db: db, newTx: newTx}
}

// InTx runs fn in one transaction and commits it when fn returns nil.
func (s Store[T]) InTx(ctx context.Context, fn func(ctx context.Context, tx T) error) error {
	return s.db.InTx(ctx, func(tx pgx.Tx) error { return fn(ctx, s.newTx(tx)) })
}

// Ping checks that PostgreSQL answers.
func (s Store[T]) Ping(ctx context.Context) error {
	if err := s.Pool.Ping(ctx); err != nil {
		return fmt.Errorf("pinging PostgreSQL: %w", err)
	}
	return nil
}
