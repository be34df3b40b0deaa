package pgdriver

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/streamsaga/streamsaga/saga"
	"github.com/streamsaga/streamsaga/saga/driver"
	"github.com/streamsaga/streamsaga/saga/pg"
)

const (
	qRecordDefinition = `
INSERT INTO saga_definitions (type, version, canonical, digest, registered_at)
VALUES ($1, $2, $3, $4, $5)
ON CONFLICT (type, version) DO NOTHING`

	qGetDefinition = `
SELECT type, version, canonical, digest, registered_at FROM saga_definitions WHERE type = $1 AND version = $2`

	qParkSagas = `
UPDATE sagas s SET parked = p.reason, next_deadline = NULL, updated_at = $3
  FROM (SELECT unnest($1::uuid[]) AS id, unnest($2::text[]) AS reason) AS p
 WHERE s.id = p.id`

	qParkedSagas = `
SELECT ` + qSagaColumns + ` FROM sagas
 WHERE parked <> ''
 ORDER BY id
 LIMIT $1
 FOR UPDATE SKIP LOCKED`

	qUnparkSagas = `
UPDATE sagas SET parked = '', next_deadline = $2, updated_at = $2
 WHERE id = ANY($1::uuid[]) AND parked <> ''`
)

func (t *tx) RecordDefinition(ctx context.Context, rec driver.DefinitionRecord) (driver.DefinitionRecord, error) {
	if _, err := t.tx.Exec(ctx, qRecordDefinition, rec.Type, rec.Version, rec.Canonical, rec.Digest, rec.RegisteredAt); err != nil {
		return rec, fmt.Errorf("recording saga definition %s version %d: %w", rec.Type, rec.Version, pg.InterpretError(err))
	}
	var got driver.DefinitionRecord
	err := t.tx.QueryRow(ctx, qGetDefinition, rec.Type, rec.Version).
		Scan(&got.Type, &got.Version, &got.Canonical, &got.Digest, &got.RegisteredAt)
	if err != nil {
		return rec, fmt.Errorf("reading saga definition %s version %d: %w", rec.Type, rec.Version, pg.InterpretError(err))
	}
	return got, nil
}

func (t *tx) ParkSagas(ctx context.Context, parks []driver.Park, at time.Time) error {
	if len(parks) == 0 {
		return nil
	}
	ids, reasons := make([]string, len(parks)), make([]string, len(parks))
	for i, p := range parks {
		ids[i], reasons[i] = p.SagaID, p.Reason
	}
	if _, err := t.tx.Exec(ctx, qParkSagas, ids, reasons, at); err != nil {
		return fmt.Errorf("parking %d sagas: %w", len(parks), pg.InterpretError(err))
	}
	return nil
}

func (t *tx) ParkedSagas(ctx context.Context, limit int) ([]*saga.Instance, error) {
	rows, err := t.tx.Query(ctx, qParkedSagas, limit)
	if err != nil {
		return nil, fmt.Errorf("reading parked sagas: %w", pg.InterpretError(err))
	}
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (*saga.Instance, error) { return scanSaga(r) })
	if err != nil {
		return nil, fmt.Errorf("reading parked sagas: %w", err)
	}
	return out, nil
}

func (t *tx) UnparkSagas(ctx context.Context, ids []string, at time.Time) error {
	if len(ids) == 0 {
		return nil
	}
	if _, err := t.tx.Exec(ctx, qUnparkSagas, ids, at); err != nil {
		return fmt.Errorf("unparking %d sagas: %w", len(ids), pg.InterpretError(err))
	}
	return nil
}
