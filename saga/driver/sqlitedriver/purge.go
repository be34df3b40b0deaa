package sqlitedriver

import (
	"context"
	"fmt"
	"time"

	"github.com/streamsaga/streamsaga/saga/driver"
	"github.com/streamsaga/streamsaga/saga/sqlite"
)

const (
	// qPurgeSagas deletes at most ?2 finished sagas completed before ?1,
	// oldest first, through the partial index sagas_finished, whose terms
	// the WHERE clause repeats so that it applies. INDEXED BY holds SQLite
	// to it: without statistics it would rather filter every finished saga
	// by state and sort them.
	qPurgeSagas = `
DELETE FROM sagas WHERE id IN (
  SELECT s.id FROM sagas AS s INDEXED BY sagas_finished
   WHERE s.state IN ('COMPLETED', 'COMPENSATED') AND s.parked = '' AND s.completed_at < ?1
   ORDER BY s.completed_at
   LIMIT ?2)
RETURNING id`

	// qPurgeHistory deletes the history of the sagas in the JSON array ?1
	// through saga_history_saga.
	qPurgeHistory = `
DELETE FROM saga_history WHERE saga_id IN (SELECT i.value FROM json_each(?1) AS i)`
)

// PurgeSagas deletes at most batch COMPLETED or COMPENSATED sagas, not
// parked, that completed before olderThan, and their history, in a
// transaction of its own (see driver.Store).
func (s *sqliteStore) PurgeSagas(ctx context.Context, olderThan time.Time, batch int) (int64, error) {
	if batch <= 0 {
		return 0, fmt.Errorf("%w: %d", driver.ErrBadBatch, batch)
	}
	var n int64
	err := sqlite.InTx(ctx, s.db, func(tx *sqlite.Tx) error {
		rows, err := tx.SQL.QueryContext(ctx, qPurgeSagas, sqlite.Micros(olderThan), batch)
		if err != nil {
			return err
		}
		ids, err := collect(rows, scanString)
		if err != nil || len(ids) == 0 {
			return err
		}
		arg, err := encodeRows(ids)
		if err != nil {
			return err
		}
		if _, err := tx.SQL.ExecContext(ctx, qPurgeHistory, arg); err != nil {
			return err
		}
		n = int64(len(ids))
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("purging sagas finished before %s: %w", olderThan.Format(time.RFC3339), err)
	}
	return n, nil
}
