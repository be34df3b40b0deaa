package sqlitedriver

import (
	"context"
	"fmt"

	"github.com/streamsaga/streamsaga/saga"
	"github.com/streamsaga/streamsaga/saga/driver"
	"github.com/streamsaga/streamsaga/saga/sqlite"
)

const qSagaByKey = `
SELECT ` + qSagaColumns + `, s.idempotency_key, s.request_hash
  FROM sagas AS s WHERE s.idempotency_key = ?1`

// CreateKeyedSaga stores a new instance with the key of the request that
// started it; driver.ErrIdempotencyKeyUsed if another saga holds the key.
func (t *tx) CreateKeyedSaga(ctx context.Context, in *saga.Instance, key driver.RequestKey) error {
	row, err := newSagaRow(in)
	if err != nil {
		return fmt.Errorf("inserting saga %s: %w", in.ID, err)
	}
	row.Key, row.RequestHash = key.Key, key.RequestHash
	created, err := t.insertSagaRows(ctx, []sagaRow{row})
	if sqlite.IsUniqueViolation(err) {
		return fmt.Errorf("inserting saga %s: %w", in.ID, driver.ErrIdempotencyKeyUsed)
	}
	if err != nil {
		return fmt.Errorf("inserting saga %s: %w", in.ID, err)
	}
	if len(created) == 0 {
		return fmt.Errorf("inserting saga %s: %w", in.ID, saga.ErrDuplicate)
	}
	return nil
}

// SagaByIdempotencyKey finds the saga started with key.
func (t *tx) SagaByIdempotencyKey(ctx context.Context, key string) (*saga.Instance, driver.RequestKey, error) {
	var found driver.RequestKey
	if key == "" {
		return nil, found, fmt.Errorf("finding the saga of an empty idempotency key: %w", saga.ErrNotFound)
	}
	in, err := scanSagaAnd(t.tx.SQL.QueryRowContext(ctx, qSagaByKey, key), &found.Key, &found.RequestHash)
	if err != nil {
		return nil, found, fmt.Errorf("finding the saga of an idempotency key: %w", sqlite.NotFound(err))
	}
	return in, found, nil
}
