package bookings

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/streamsaga/streamsaga/participants/host"
	"github.com/streamsaga/streamsaga/participants/sdk"
	"github.com/streamsaga/streamsaga/participants/sdk/sdkpg"
	"github.com/streamsaga/streamsaga/saga"
	"github.com/streamsaga/streamsaga/saga/pg"
)

// Tx is one transaction of a trip participant: the SDK's outbox, inbox and
// barrier, and statements on the participant's own table.
type Tx interface {
	sdk.Tx
	// Exec runs a statement and returns how many rows it changed.
	Exec(ctx context.Context, query string, args ...any) (int64, error)
	// QueryRow runs a query of one row; its Scan returns saga.ErrNotFound
	// when there is none.
	QueryRow(ctx context.Context, query string, args ...any) Row
}

// Row is the row of QueryRow.
type Row interface {
	Scan(dest ...any) error
}

// Store runs a participant's transactions.
type Store = sdk.Store[Tx]

// Opener builds the store of a participant over the database host opened
// for it (host.Deps.DB).
type Opener func(d host.Deps) (Store, error)

// Postgres is the Opener of a participant on PostgreSQL: its transactions
// hand their replies to the service's courier right after commit.
func Postgres(d host.Deps) (Store, error) {
	db, err := d.Postgres()
	if err != nil {
		return nil, err
	}
	return sdkpg.StoreFromDB(db, newPGTx), nil
}

// pgTx is Tx on a pgx transaction.
type pgTx struct{ pg.Messaging }

func newPGTx(tx pgx.Tx) Tx { return pgTx{pg.NewMessaging(tx)} }

func (t pgTx) Exec(ctx context.Context, query string, args ...any) (int64, error) {
	tag, err := t.DB.Exec(ctx, query, args...)
	return tag.RowsAffected(), err
}

func (t pgTx) QueryRow(ctx context.Context, query string, args ...any) Row {
	return pgRow{t.DB.QueryRow(ctx, query, args...)}
}

type pgRow struct{ row pgx.Row }

func (r pgRow) Scan(dest ...any) error {
	err := r.row.Scan(dest...)
	if errors.Is(err, pgx.ErrNoRows) {
		return fmt.Errorf("%w: %w", saga.ErrNotFound, err)
	}
	return err
}
