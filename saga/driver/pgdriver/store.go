package pgdriver

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgtype"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/streamsaga/streamsaga/saga"
	"github.com/streamsaga/streamsaga/saga/driver"
	"github.com/streamsaga/streamsaga/saga/pg"
)

// Schema is the orchestrator's Postgres schema.
const Schema = "orchestrator"

// Store is the Postgres orchestrator driver.
type Store struct {
	pool *pgxpool.Pool
	db   *pg.DB
	due  *pg.LowWater[time.Time]
}

var _ driver.Store = (*Store)(nil)

// New wraps a pool connected with search_path=orchestrator; its
// transactions write their outbox rows for the relay.
func New(pool *pgxpool.Pool) *Store { return FromDB(pg.NewDB(pool, pg.DBConfig{})) }

// FromDB wraps a DB connected with search_path=orchestrator; its
// transactions hand their outbox messages to db's courier.
func FromDB(db *pg.DB) *Store { return &Store{pool: db.Pool(), db: db, due: pg.NewTimeLowWater()} }

// Pool returns the underlying pool.
func (s *Store) Pool() *pgxpool.Pool { return s.pool }

// InTx runs fn in one transaction.
func (s *Store) InTx(ctx context.Context, fn func(ctx context.Context, tx driver.Tx) error) error {
	return s.db.InTx(ctx, func(t pgx.Tx) error {
		return fn(ctx, newTx(t, s.due))
	})
}

// GetSaga reads a saga.
func (s *Store) GetSaga(ctx context.Context, id string) (*saga.Instance, error) {
	if !saga.ValidID(id) {
		return nil, saga.ErrNotFound
	}
	in, err := scanSaga(s.pool.QueryRow(ctx, qGetSaga, id))
	if err != nil {
		return nil, fmt.Errorf("reading saga %s: %w", id, pg.InterpretError(err))
	}
	return in, nil
}

// History reads a saga's history, oldest first.
func (s *Store) History(ctx context.Context, sagaID string) ([]saga.HistoryEntry, error) {
	rows, err := s.pool.Query(ctx, qHistory, sagaID)
	if err != nil {
		return nil, fmt.Errorf("reading history of saga %s: %w", sagaID, err)
	}
	hist, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (saga.HistoryEntry, error) {
		var h saga.HistoryEntry
		err := r.Scan(&h.At, &h.Kind, &h.Step, &h.MessageType, &h.MessageID, &h.Detail)
		return h, err
	})
	if err != nil {
		return nil, fmt.Errorf("reading history of saga %s: %w", sagaID, err)
	}
	return hist, nil
}

// lastID sorts after every saga id: the cursor of the first page.
const lastID = "ffffffff-ffff-ffff-ffff-ffffffffffff"

// ListSagas lists sagas newest first.
func (s *Store) ListSagas(ctx context.Context, q driver.ListQuery) ([]*saga.Instance, error) {
	after := pgtype.Timestamptz{InfinityModifier: pgtype.Infinity, Valid: true}
	afterID := lastID
	if q.After != nil {
		after, afterID = pgtype.Timestamptz{Time: q.After.CreatedAt, Valid: true}, q.After.ID
	}
	sql, args := qListSagas, []any{after, afterID, q.Limit}
	if q.State != "" {
		sql, args = qListSagasInState, append(args, string(q.State))
	}
	rows, err := s.pool.Query(ctx, sql, args...)
	if err != nil {
		return nil, fmt.Errorf("listing sagas: %w", err)
	}
	defer rows.Close()
	var out []*saga.Instance
	for rows.Next() {
		in, err := scanSaga(rows)
		if err != nil {
			return nil, fmt.Errorf("listing sagas: %w", err)
		}
		out = append(out, in)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("listing sagas: %w", err)
	}
	return out, nil
}

// Ping checks the database answers.
func (s *Store) Ping(ctx context.Context) error { return s.pool.Ping(ctx) }
