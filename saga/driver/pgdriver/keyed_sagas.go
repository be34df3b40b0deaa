package pgdriver

import (
	"context"
	"fmt"

	"github.com/streamsaga/streamsaga/saga"
	"github.com/streamsaga/streamsaga/saga/driver"
	"github.com/streamsaga/streamsaga/saga/pg"
)

const (
	qInsertKeyedSaga = `
INSERT INTO sagas (` + qSagaColumns + `, next_deadline, idempotency_key, request_hash)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, NULLIF($16, ''), $17)
ON CONFLICT (id) DO NOTHING`

	qSagaByKey = `SELECT ` + qSagaColumns + `, idempotency_key, request_hash FROM sagas WHERE idempotency_key = $1`
)

// CreateKeyedSaga stores a new instance with the key of the request that
// started it; driver.ErrIdempotencyKeyUsed if another saga holds the key.
func (t *tx) CreateKeyedSaga(ctx context.Context, in *saga.Instance, key driver.RequestKey) error {
	args, err := sagaArgs(in)
	if err != nil {
		return err
	}
	tag, err := t.tx.Exec(ctx, qInsertKeyedSaga, append(args, key.Key, key.RequestHash)...)
	if pg.IsUniqueViolation(err) {
		return fmt.Errorf("inserting saga %s: %w", in.ID, driver.ErrIdempotencyKeyUsed)
	}
	if err != nil {
		return fmt.Errorf("inserting saga %s: %w", in.ID, pg.InterpretError(err))
	}
	if tag.RowsAffected() == 0 {
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
	in, err := scanSagaAnd(t.tx.QueryRow(ctx, qSagaByKey, key), &found.Key, &found.RequestHash)
	if err != nil {
		return nil, found, fmt.Errorf("finding the saga of an idempotency key: %w", pg.InterpretError(err))
	}
	return in, found, nil
}
