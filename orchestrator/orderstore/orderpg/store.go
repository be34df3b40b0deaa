package orderpg

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/streamsaga/streamsaga/orchestrator/orderstore"
	"github.com/streamsaga/streamsaga/saga"
	"github.com/streamsaga/streamsaga/saga/driver"
	"github.com/streamsaga/streamsaga/saga/pg"
)

// Store is the PostgreSQL order store.
type Store struct {
	pool    *pgxpool.Pool
	stalled *pg.LowWater[time.Time]
}

var _ orderstore.Store = (*Store)(nil)

// New returns the order store over pool, connected with
// search_path=orchestrator (the pool of the engine's pgdriver.Store).
func New(pool *pgxpool.Pool) *Store { return &Store{pool: pool, stalled: pg.NewTimeLowWater()} }

// GetOrder reads an order.
func (s *Store) GetOrder(ctx context.Context, id string) (orderstore.Order, error) {
	if !saga.ValidID(id) {
		return orderstore.Order{}, saga.ErrNotFound
	}
	o, err := scanOrder(s.pool.QueryRow(ctx, qGetOrder, id))
	if err != nil {
		return o, fmt.Errorf("reading order %s: %w", id, pg.InterpretError(err))
	}
	return o, nil
}

// OrderBySagaID finds the order of a saga.
func (s *Store) OrderBySagaID(ctx context.Context, sagaID string) (orderstore.Order, error) {
	if !saga.ValidID(sagaID) {
		return orderstore.Order{}, saga.ErrNotFound
	}
	o, err := scanOrder(s.pool.QueryRow(ctx, qOrderBySaga, sagaID))
	if err != nil {
		return o, fmt.Errorf("reading the order of saga %s: %w", sagaID, pg.InterpretError(err))
	}
	return o, nil
}

// From is From(tx), with the store's mark for the claim of stalled
// orders.
func (s *Store) From(dtx driver.Tx) (orderstore.Tx, error) {
	o, err := From(dtx)
	if err != nil {
		return nil, err
	}
	o.(*tx).stalled = s.stalled
	return o, nil
}
