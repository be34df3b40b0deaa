package sqlitedriver

import (
	"context"
	"fmt"

	"github.com/streamsaga/streamsaga/saga"
	"github.com/streamsaga/streamsaga/saga/driver"
	"github.com/streamsaga/streamsaga/saga/sqlite"
)

// sqliteStore is the SQLite orchestrator driver.
type sqliteStore struct {
	db *sqlite.DB
}

var _ driver.Store = (*sqliteStore)(nil)

// Open opens (creating if needed) the orchestrator's database file at path,
// with the messaging tables and the engine's own (DDL).
func Open(ctx context.Context, path string) (*sqlite.DB, error) {
	db, err := sqlite.Open(ctx, path, DDL)
	if err != nil {
		return nil, fmt.Errorf("opening the orchestrator store: %w", err)
	}
	if err := upgrade(ctx, db); err != nil {
		_ = db.Close()
		return nil, fmt.Errorf("opening the orchestrator store: %w", err)
	}
	return db, nil
}

// New returns the store over db, a file opened with Open.
func New(db *sqlite.DB) driver.Store { return &sqliteStore{db: db} }

// InTx runs fn in one transaction, which holds the database's write lock
// from its start.
func (s *sqliteStore) InTx(ctx context.Context, fn func(ctx context.Context, tx driver.Tx) error) error {
	return sqlite.InTx(ctx, s.db, func(t *sqlite.Tx) error {
		return fn(ctx, newTx(t))
	})
}

// GetSaga reads a saga; saga.ErrNotFound if there is none with id.
func (s *sqliteStore) GetSaga(ctx context.Context, id string) (*saga.Instance, error) {
	key, ok := sqlite.CanonicalID(id)
	if !ok {
		return nil, saga.ErrNotFound
	}
	in, err := scanSaga(s.db.SQL.QueryRowContext(ctx, qGetSaga, key))
	if err != nil {
		return nil, fmt.Errorf("reading saga %s: %w", id, sqlite.NotFound(err))
	}
	return in, nil
}

// History reads a saga's history, oldest first.
func (s *sqliteStore) History(ctx context.Context, sagaID string) ([]saga.HistoryEntry, error) {
	key, _ := sqlite.CanonicalID(sagaID)
	rows, err := s.db.SQL.QueryContext(ctx, qHistory, key)
	if err != nil {
		return nil, fmt.Errorf("reading history of saga %s: %w", sagaID, err)
	}
	hist, err := collect(rows, scanHistory)
	if err != nil {
		return nil, fmt.Errorf("reading history of saga %s: %w", sagaID, err)
	}
	return hist, nil
}

// ListSagas lists sagas newest first, from after q.After if it is set.
func (s *sqliteStore) ListSagas(ctx context.Context, q driver.ListQuery) ([]*saga.Instance, error) {
	var after, afterID any
	if q.After != nil {
		after = sqlite.Micros(q.After.CreatedAt)
		afterID, _ = sqlite.CanonicalID(q.After.ID)
	}
	rows, err := s.db.SQL.QueryContext(ctx, qListSagas, string(q.State), after, afterID, q.Limit)
	if err != nil {
		return nil, fmt.Errorf("listing sagas: %w", err)
	}
	list, err := collect(rows, scanSaga)
	if err != nil {
		return nil, fmt.Errorf("listing sagas: %w", err)
	}
	return list, nil
}

// Ping checks that the database file can be read.
func (s *sqliteStore) Ping(ctx context.Context) error { return s.db.Ping(ctx) }
