package inventorypg

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/streamsaga/streamsaga/participants/inventory"
	"github.com/streamsaga/streamsaga/participants/sdk/sdkpg"
	"github.com/streamsaga/streamsaga/saga/pg"
)

// Schema is the PostgreSQL schema the inventory owns; connect with
// pg.Connect(ctx, url, Schema).
const Schema = "inventory"

// Store is the PostgreSQL inventory.Store: transactions and a ping from
// sdkpg, and the service's own queries.
type Store struct {
	sdkpg.Store[inventory.Tx]
}

var _ inventory.Store = (*Store)(nil)

// New returns a store over pool, whose search_path must be Schema; its
// transactions write their outbox rows for the relay.
func New(pool *pgxpool.Pool) *Store { return FromDB(pg.NewDB(pool, pg.DBConfig{})) }

// FromDB returns a store over db, whose search_path must be Schema; its
// transactions hand their outbox messages to db's courier.
func FromDB(db *pg.DB) *Store { return &Store{Store: sdkpg.StoreFromDB(db, newTx)} }

// SetStock sets the available units of sku, keeping its reserved units.
func (s *Store) SetStock(ctx context.Context, sku string, available int64) (inventory.Stock, error) {
	if available < 0 {
		return inventory.Stock{}, fmt.Errorf("setting stock of %s: %w: available %d is negative", sku, inventory.ErrInvalid, available)
	}
	st, err := scanStock(s.Pool.QueryRow(ctx, setStockSQL, sku, available))
	if err != nil {
		return st, fmt.Errorf("setting stock of %s: %w", sku, err)
	}
	return st, nil
}

// GetStock returns the stock of sku or saga.ErrNotFound.
func (s *Store) GetStock(ctx context.Context, sku string) (inventory.Stock, error) {
	st, err := scanStock(s.Pool.QueryRow(ctx, getStockSQL, sku))
	if err != nil {
		return st, fmt.Errorf("reading stock of %s: %w", sku, pg.InterpretError(err))
	}
	return st, nil
}

func scanStock(row pgx.Row) (inventory.Stock, error) {
	var st inventory.Stock
	err := row.Scan(&st.SKU, &st.Available, &st.Reserved)
	return st, err
}
