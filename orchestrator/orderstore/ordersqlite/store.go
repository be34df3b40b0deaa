package ordersqlite

import (
	"context"
	"fmt"

	"github.com/streamsaga/streamsaga/orchestrator/orderstore"
	"github.com/streamsaga/streamsaga/saga"
	"github.com/streamsaga/streamsaga/saga/driver"
	"github.com/streamsaga/streamsaga/saga/sqlite"
)

// Store is the SQLite order store.
type Store struct {
	db *sqlite.DB
}

var _ orderstore.Store = (*Store)(nil)

// New returns the order store over db, the orchestrator's file with the
// order app's table (Open, or CreateTables on it).
func New(db *sqlite.DB) *Store { return &Store{db: db} }

// GetOrder reads an order; saga.ErrNotFound if there is none with id.
func (s *Store) GetOrder(ctx context.Context, id string) (orderstore.Order, error) {
	key, ok := sqlite.CanonicalID(id)
	if !ok {
		return orderstore.Order{}, saga.ErrNotFound
	}
	o, err := scanOrder(s.db.SQL.QueryRowContext(ctx, qGetOrder, key))
	if err != nil {
		return o, fmt.Errorf("reading order %s: %w", id, sqlite.NotFound(err))
	}
	return o, nil
}

// OrderBySagaID finds the order of a saga.
func (s *Store) OrderBySagaID(ctx context.Context, sagaID string) (orderstore.Order, error) {
	key, ok := sqlite.CanonicalID(sagaID)
	if !ok {
		return orderstore.Order{}, saga.ErrNotFound
	}
	o, err := scanOrder(s.db.SQL.QueryRowContext(ctx, qOrderBySaga, key))
	if err != nil {
		return o, fmt.Errorf("reading the order of saga %s: %w", sagaID, sqlite.NotFound(err))
	}
	return o, nil
}

// From is From(tx): the store needs nothing of its own for it.
func (s *Store) From(tx driver.Tx) (orderstore.Tx, error) { return From(tx) }
