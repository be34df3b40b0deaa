package sqlitedriver

import (
	"context"
	"fmt"

	"github.com/streamsaga/streamsaga/saga"
	"github.com/streamsaga/streamsaga/saga/sqlite"
)

// The single-saga methods run the set-based statements of many.go with one
// row, so each kind of write has one statement to keep right.

// CreateSaga stores a new instance; saga.ErrDuplicate if it exists.
func (t *tx) CreateSaga(ctx context.Context, in *saga.Instance) error {
	created, err := t.insertSagas(ctx, []*saga.Instance{in})
	if err != nil {
		return fmt.Errorf("inserting saga %s: %w", in.ID, err)
	}
	if len(created) == 0 {
		return fmt.Errorf("inserting saga %s: %w", in.ID, saga.ErrDuplicate)
	}
	return nil
}

// LoadSaga reads an instance for SaveSaga; saga.ErrNotFound if there is
// none with id.
func (t *tx) LoadSaga(ctx context.Context, id string) (*saga.Instance, error) {
	key, _ := sqlite.CanonicalID(id)
	in, err := scanSaga(t.tx.SQL.QueryRowContext(ctx, qGetSaga, key))
	if err != nil {
		return nil, fmt.Errorf("loading saga %s: %w", id, sqlite.NotFound(err))
	}
	return in, nil
}

// SaveSaga writes inst if its version is still the stored one and
// increments inst.Version; saga.ErrConflict otherwise.
func (t *tx) SaveSaga(ctx context.Context, in *saga.Instance) error {
	n, err := t.updateSagas(ctx, []*saga.Instance{in})
	if err != nil {
		return fmt.Errorf("saving saga %s: %w", in.ID, err)
	}
	if n == 0 {
		return fmt.Errorf("saving saga %s at version %d: %w", in.ID, in.Version, saga.ErrConflict)
	}
	in.Version++
	return nil
}

// AppendHistory adds lines to a saga's history, in order.
func (t *tx) AppendHistory(ctx context.Context, sagaID string, hs []saga.HistoryEntry) error {
	if len(hs) == 0 {
		return nil
	}
	rows, err := appendHistoryRows(nil, sagaID, hs)
	if err != nil {
		return fmt.Errorf("appending history of saga %s: %w", sagaID, err)
	}
	if err := t.insertHistory(ctx, rows); err != nil {
		return fmt.Errorf("appending history of saga %s: %w", sagaID, err)
	}
	return nil
}
