package paymentsqlite

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/streamsaga/streamsaga/participants/payment"
	"github.com/streamsaga/streamsaga/participants/sdk/sdksqlite"
	"github.com/streamsaga/streamsaga/saga/sqlite"
)

// Store is the SQLite payment.Store: transactions and a ping from
// sdksqlite, and the service's own queries.
type Store struct {
	sdksqlite.Store[payment.Tx]
}

var _ payment.Store = (*Store)(nil)

// Open opens (creating if needed) the payment service's database file at
// path, with the messaging tables and the service's own (DDL).
func Open(ctx context.Context, path string) (*sqlite.DB, error) {
	db, err := sqlite.Open(ctx, path, DDL)
	if err != nil {
		return nil, fmt.Errorf("opening payment database: %w", err)
	}
	return db, nil
}

// New returns a store over db, which Open opened.
func New(db *sqlite.DB) *Store { return &Store{Store: sdksqlite.NewStore(db, newTx)} }

// SetBalance sets the balance of customerID, creating the account if needed.
func (s *Store) SetBalance(ctx context.Context, customerID string, balanceCents int64) (payment.Account, error) {
	if balanceCents < 0 {
		return payment.Account{}, fmt.Errorf("setting balance of %s: %w: balance %d is negative", customerID, payment.ErrInvalid, balanceCents)
	}
	row := s.DB.SQL.QueryRowContext(ctx, setBalanceSQL, customerID, balanceCents, sqlite.Micros(time.Now()))
	acc, err := scanAccount(row)
	if err != nil {
		return acc, fmt.Errorf("setting balance of %s: %w", customerID, err)
	}
	return acc, nil
}

// GetAccount returns the account of customerID or saga.ErrNotFound.
func (s *Store) GetAccount(ctx context.Context, customerID string) (payment.Account, error) {
	acc, err := scanAccount(s.DB.SQL.QueryRowContext(ctx, getAccountSQL, customerID))
	if err != nil {
		return acc, fmt.Errorf("reading account %s: %w", customerID, sdksqlite.InterpretError(err))
	}
	return acc, nil
}

func scanAccount(row *sql.Row) (payment.Account, error) {
	var acc payment.Account
	err := row.Scan(&acc.CustomerID, &acc.BalanceCents)
	return acc, err
}
