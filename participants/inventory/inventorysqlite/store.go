package inventorysqlite

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/streamsaga/streamsaga/participants/inventory"
	"github.com/streamsaga/streamsaga/participants/sdk/sdksqlite"
	"github.com/streamsaga/streamsaga/saga/sqlite"
)

// Store is the SQLite inventory.Store: transactions and a ping from
// sdksqlite, and the service's own queries.
type Store struct {
	sdksqlite.Store[inventory.Tx]
}

var _ inventory.Store = (*Store)(nil)

// Open opens (creating if needed) the inventory's database file at path,
// with the messaging tables and the inventory's own (DDL).
func Open(ctx context.Context, path string) (*sqlite.DB, error) {
	db, err := sqlite.Open(ctx, path, DDL)
	if err != nil {
		return nil, fmt.Errorf("opening inventory database: %w", err)
	}
	return db, nil
}

// New returns a store over db, which Open opened.
func New(db *sqlite.DB) *Store { return &Store{Store: sdksqlite.NewStore(db, newTx)} }

// SetStock sets the available units of sku, keeping its reserved units.
func (s *Store) SetStock(ctx context.Context, sku string, available int64) (inventory.Stock, error) {
	if available < 0 {
		return inventory.Stock{}, fmt.Errorf("setting stock of %s: %w: available %d is negative", sku, inventory.ErrInvalid, available)
	}
	row := s.DB.SQL.QueryRowContext(ctx, setStockSQL, sku, available, sqlite.Micros(time.Now()))
	st, err := scanStock(row)
	if err != nil {
		return st, fmt.Errorf("setting stock of %s: %w", sku, err)
	}
	return st, nil
}

// GetStock returns the stock of sku or saga.ErrNotFound.
func (s *Store) GetStock(ctx context.Context, sku string) (inventory.Stock, error) {
	st, err := scanStock(s.DB.SQL.QueryRowContext(ctx, getStockSQL, sku))
	if err != nil {
		return st, fmt.Errorf("reading stock of %s: %w", sku, sdksqlite.InterpretError(err))
	}
	return st, nil
}

func scanStock(row *sql.Row) (inventory.Stock, error) {
	var st inventory.Stock
	err := row.Scan(&st.SKU, &st.Available, &st.Reserved)
	return st, err
}
