package pgdriver

import (
	"context"
	"fmt"
	"time"

	"github.com/streamsaga/streamsaga/saga/driver"
)

// qPurgeSagas deletes at most $2 finished sagas completed before $1,
// oldest first, and their history, in one statement. The sagas are found
// through the partial index sagas_finished, whose predicate the WHERE
// clause repeats word for word so that the plan cached for any arguments
// can use it; their history through saga_history_saga. Sagas another
// transaction holds are skipped, so concurrent purges and a late reply do
// not wait on each other.
const qPurgeSagas = `
WITH doomed AS (
  SELECT id FROM sagas
   WHERE state IN ('COMPLETED', 'COMPENSATED') AND parked = '' AND completed_at < $1
   ORDER BY completed_at
   LIMIT $2
   FOR UPDATE SKIP LOCKED
), history AS (
  DELETE FROM saga_history WHERE saga_id = ANY (ARRAY(SELECT id FROM doomed))
)
DELETE FROM sagas WHERE id = ANY (ARRAY(SELECT id FROM doomed))`

// PurgeSagas deletes at most batch COMPLETED or COMPENSATED sagas, not
// parked, that completed before olderThan, and their history, in one
// statement committed on its own (see driver.Store).
func (s *Store) PurgeSagas(ctx context.Context, olderThan time.Time, batch int) (int64, error) {
	if batch <= 0 {
		return 0, fmt.Errorf("%w: %d", driver.ErrBadBatch, batch)
	}
	tag, err := s.pool.Exec(ctx, qPurgeSagas, olderThan, batch)
	if err != nil {
		return 0, fmt.Errorf("purging sagas finished before %s: %w", olderThan.Format(time.RFC3339), err)
	}
	return tag.RowsAffected(), nil
}
