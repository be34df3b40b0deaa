package sqlitedriver

import (
	"context"
	"fmt"

	"github.com/streamsaga/streamsaga/saga"
	"github.com/streamsaga/streamsaga/saga/driver"
	"github.com/streamsaga/streamsaga/saga/sqlite"
)

// LoadSagas reads many instances at once, by id; missing ids are absent
// from the map.
func (t *tx) LoadSagas(ctx context.Context, ids []string) (map[string]*saga.Instance, error) {
	out := make(map[string]*saga.Instance, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	arg, err := encodeRows(sqlite.CanonicalIDs(ids))
	if err != nil {
		return nil, err
	}
	rows, err := t.tx.SQL.QueryContext(ctx, qLoadSagas, arg)
	if err != nil {
		return nil, fmt.Errorf("loading %d sagas: %w", len(ids), err)
	}
	insts, err := collect(rows, scanSaga)
	if err != nil {
		return nil, fmt.Errorf("loading %d sagas: %w", len(ids), err)
	}
	for _, in := range insts {
		out[in.ID] = in
	}
	return out, nil
}

// SaveSagas is SaveSaga for many instances in one statement; if any
// version check fails it returns saga.ErrConflict and the caller's
// transaction rolls back what was written.
func (t *tx) SaveSagas(ctx context.Context, insts []*saga.Instance) error {
	if len(insts) == 0 {
		return nil
	}
	n, err := t.updateSagas(ctx, insts)
	if err != nil {
		return fmt.Errorf("saving %d sagas: %w", len(insts), err)
	}
	if n != int64(len(insts)) {
		return fmt.Errorf("saving %d sagas, %d at their version: %w", len(insts), n, saga.ErrConflict)
	}
	for _, in := range insts {
		in.Version++
	}
	return nil
}

// CreateSagas stores many new instances at once and returns the ids it
// created; an id that exists already is left as it is.
func (t *tx) CreateSagas(ctx context.Context, insts []*saga.Instance) (map[string]bool, error) {
	if len(insts) == 0 {
		return map[string]bool{}, nil
	}
	created, err := t.insertSagas(ctx, insts)
	if err != nil {
		return nil, fmt.Errorf("inserting %d sagas: %w", len(insts), err)
	}
	return created, nil
}

// CreateFreshSagas stores insts, whose ids were just made: an id that
// exists fails it with saga.ErrDuplicate, and the caller's rollback keeps
// nothing (SQLite has no round trip to save).
func (t *tx) CreateFreshSagas(ctx context.Context, insts []*saga.Instance) error {
	return driver.CreateAllSagas(ctx, t, insts)
}

// AppendHistories adds the lines of many sagas at once, each saga's in
// order.
func (t *tx) AppendHistories(ctx context.Context, entries map[string][]saga.HistoryEntry) error {
	var rows []historyRow
	for id, hs := range entries {
		var err error
		if rows, err = appendHistoryRows(rows, id, hs); err != nil {
			return fmt.Errorf("appending history of %d sagas: %w", len(entries), err)
		}
	}
	if len(rows) == 0 {
		return nil
	}
	if err := t.insertHistory(ctx, rows); err != nil {
		return fmt.Errorf("appending history of %d sagas: %w", len(entries), err)
	}
	return nil
}

// insertSagas inserts insts in one statement, skipping ids that exist, and
// returns the ids it inserted.
func (t *tx) insertSagas(ctx context.Context, insts []*saga.Instance) (map[string]bool, error) {
	in, err := sagaRows(insts)
	if err != nil {
		return nil, err
	}
	return t.insertSagaRows(ctx, in)
}

// insertSagaRows inserts rows in one statement, skipping ids that exist,
// and returns the ids it inserted.
func (t *tx) insertSagaRows(ctx context.Context, in []sagaRow) (map[string]bool, error) {
	arg, err := encodeRows(in)
	if err != nil {
		return nil, err
	}
	rows, err := t.tx.SQL.QueryContext(ctx, qInsertSagas, arg)
	if err != nil {
		return nil, err
	}
	ids, err := collect(rows, scanString)
	if err != nil {
		return nil, err
	}
	created := make(map[string]bool, len(ids))
	for _, id := range ids {
		created[id] = true
	}
	return created, nil
}

// updateSagas writes insts where their version is the stored one, in one
// statement, and returns how many it wrote.
func (t *tx) updateSagas(ctx context.Context, insts []*saga.Instance) (int64, error) {
	in, err := sagaRows(insts)
	if err != nil {
		return 0, err
	}
	arg, err := encodeRows(in)
	if err != nil {
		return 0, err
	}
	res, err := t.tx.SQL.ExecContext(ctx, qUpdateSagas, arg)
	if err != nil {
		return 0, err
	}
	return res.RowsAffected()
}

// insertHistory inserts history lines in one statement, in order.
func (t *tx) insertHistory(ctx context.Context, rows []historyRow) error {
	arg, err := encodeRows(rows)
	if err != nil {
		return err
	}
	_, err = t.tx.SQL.ExecContext(ctx, qInsertHistories, arg)
	return err
}
