package sdkpg

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/streamsaga/streamsaga/participants/sdk"
	"github.com/streamsaga/streamsaga/saga/pg"
)

// Store runs transactions of type T over a pool; it is an sdk.Store[T].
type Store[T sdk.Tx] struct {
	// Pool is the service's pool, whose search_path is its schema.
	Pool  *pgxpool.Pool
	newTx func(tx pgx.Tx) T
}

// NewStore returns a store over pool whose transactions newTx builds over
// a pgx transaction.
func NewStore[T sdk.Tx](pool *pgxpool.Pool, newTx func(tx pgx.Tx) T) Store[T] {
	return Store[T]{Pool: pool, newTx: newTx}
}

// InTx runs fn in one transaction and commits it when fn returns nil.
func (s Store[T]) InTx(ctx context.Context, fn func(ctx context.Context, tx T) error) error {
	return pg.InTx(ctx, s.Pool, func(tx pgx.Tx) error { return fn(ctx, s.newTx(tx)) })
}

// Ping checks that PostgreSQL answers.
func (s Store[T]) Ping(ctx context.Context) error {
	if err := s.Pool.Ping(ctx); err != nil {
		return fmt.Errorf("pinging PostgreSQL: %w", err)
	}
	return nil
}
