package paymentpg

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/streamsaga/streamsaga/participants/payment"
	"github.com/streamsaga/streamsaga/participants/sdk/sdkpg"
	"github.com/streamsaga/streamsaga/saga/pg"
)

// Schema is the PostgreSQL schema the payment service owns; connect with
// pg.Connect(ctx, url, Schema).
const Schema = "payment"

// Store is the PostgreSQL payment.Store: transactions and a ping from
// sdkpg, and the service's own queries.
type Store struct {
	sdkpg.Store[payment.Tx]
}

var _ payment.Store = (*Store)(nil)

// New returns a store over pool, whose search_path must be Schema; its
// transactions write their outbox rows for the relay.
func New(pool *pgxpool.Pool) *Store { return FromDB(pg.NewDB(pool, pg.DBConfig{})) }

// FromDB returns a store over db, whose search_path must be Schema; its
// transactions hand their outbox messages to db's courier.
func FromDB(db *pg.DB) *Store { return &Store{Store: sdkpg.StoreFromDB(db, newTx)} }

// SetBalance sets the balance of customerID, creating the account if needed.
func (s *Store) SetBalance(ctx context.Context, customerID string, balanceCents int64) (payment.Account, error) {
	if balanceCents < 0 {
		return payment.Account{}, fmt.Errorf("setting balance of %s: %w: balance %d is negative", customerID, payment.ErrInvalid, balanceCents)
	}
	acc, err := scanAccount(s.Pool.QueryRow(ctx, setBalanceSQL, customerID, balanceCents))
	if err != nil {
		return acc, fmt.Errorf("setting balance of %s: %w", customerID, err)
	}
	return acc, nil
}

// GetAccount returns the account of customerID or saga.ErrNotFound.
func (s *Store) GetAccount(ctx context.Context, customerID string) (payment.Account, error) {
	acc, err := scanAccount(s.Pool.QueryRow(ctx, getAccountSQL, customerID))
	if err != nil {
		return acc, fmt.Errorf("reading account %s: %w", customerID, pg.InterpretError(err))
	}
	return acc, nil
}

func scanAccount(row pgx.Row) (payment.Account, error) {
	var acc payment.Account
	err := row.Scan(&acc.CustomerID, &acc.BalanceCents)
	return acc, err
}
