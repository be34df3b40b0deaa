package bookingsqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/streamsaga/streamsaga/examples/trip/participants/bookings"
	"github.com/streamsaga/streamsaga/participants/host"
	"github.com/streamsaga/streamsaga/participants/sdk/sdksqlite"
	"github.com/streamsaga/streamsaga/saga"
	"github.com/streamsaga/streamsaga/saga/sqlite"
)

// Open opens (creating if needed) the database file at path with the
// messaging tables and the participant's own (p.Tables).
func Open(ctx context.Context, path string, p bookings.Participant) (*sqlite.DB, error) {
	db, err := sqlite.Open(ctx, path, p.Tables)
	if err != nil {
		return nil, fmt.Errorf("opening the %s database: %w", p.Name, err)
	}
	return db, nil
}

// Store is the bookings.Opener of a participant on SQLite: host.Deps.DB
// must be a *sqlite.Backend over a file Open opened.
func Store(d host.Deps) (bookings.Store, error) {
	b, ok := d.DB.(*sqlite.Backend)
	if !ok {
		return nil, fmt.Errorf("bookingsqlite: the service's database is %T, not SQLite", d.DB)
	}
	return sdksqlite.NewStore(b.DB(), newTx), nil
}

// tx is bookings.Tx on an SQLite transaction.
type tx struct {
	sqlite.Messaging
	tx *sqlite.Tx
}

func newTx(t *sqlite.Tx) bookings.Tx { return tx{Messaging: sqlite.NewMessaging(t), tx: t} }

func (t tx) Exec(ctx context.Context, query string, args ...any) (int64, error) {
	res, err := t.tx.SQL.ExecContext(ctx, query, args...)
	if err != nil {
		return 0, err
	}
	return res.RowsAffected()
}

func (t tx) QueryRow(ctx context.Context, query string, args ...any) bookings.Row {
	return row{t.tx.SQL.QueryRowContext(ctx, query, args...)}
}

type row struct{ row *sql.Row }

func (r row) Scan(dest ...any) error {
	err := r.row.Scan(dest...)
	if errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("%w: %w", saga.ErrNotFound, err)
	}
	return err
}
