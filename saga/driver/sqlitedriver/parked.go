package sqlitedriver

import (
	"context"
	"fmt"
	"time"

	"github.com/streamsaga/streamsaga/saga"
	"github.com/streamsaga/streamsaga/saga/driver"
	"github.com/streamsaga/streamsaga/saga/sqlite"
)

const (
	qRecordDefinition = `
INSERT INTO saga_definitions (type, version, canonical, digest, registered_at)
VALUES (?1, ?2, ?3, ?4, ?5)
ON CONFLICT (type, version) DO NOTHING`

	qGetDefinition = `
SELECT d.type, d.version, d.canonical, d.digest, d.registered_at
  FROM saga_definitions AS d WHERE d.type = ?1 AND d.version = ?2`

	qParkSagas = `
UPDATE sagas AS s SET parked = p.value ->> 'reason', next_deadline = NULL, updated_at = ?2
  FROM json_each(?1) AS p
 WHERE s.id = p.value ->> 'id'`

	qParkedSagas = `
SELECT ` + qSagaColumns + ` FROM sagas AS s
 WHERE s.parked <> ''
 ORDER BY s.id
 LIMIT ?1`

	qUnparkSagas = `
UPDATE sagas AS s SET parked = '', next_deadline = ?2, updated_at = ?2
 WHERE s.id IN (SELECT i.value FROM json_each(?1) AS i) AND s.parked <> ''`
)

// RecordDefinition stores rec unless its (type, version) is stored, and
// returns the stored record.
func (t *tx) RecordDefinition(ctx context.Context, rec driver.DefinitionRecord) (driver.DefinitionRecord, error) {
	_, err := t.tx.SQL.ExecContext(ctx, qRecordDefinition, rec.Type, rec.Version, rec.Canonical, rec.Digest, sqlite.Micros(rec.RegisteredAt))
	if err != nil {
		return rec, fmt.Errorf("recording saga definition %s version %d: %w", rec.Type, rec.Version, err)
	}
	var got driver.DefinitionRecord
	var at int64
	err = t.tx.SQL.QueryRowContext(ctx, qGetDefinition, rec.Type, rec.Version).
		Scan(&got.Type, &got.Version, &got.Canonical, &got.Digest, &at)
	if err != nil {
		return rec, fmt.Errorf("reading saga definition %s version %d: %w", rec.Type, rec.Version, sqlite.NotFound(err))
	}
	got.RegisteredAt = sqlite.Time(at)
	return got, nil
}

type parkRow struct {
	ID     string `json:"id"`
	Reason string `json:"reason"`
}

// ParkSagas sets sagas aside and clears their next deadline.
func (t *tx) ParkSagas(ctx context.Context, parks []driver.Park, at time.Time) error {
	if len(parks) == 0 {
		return nil
	}
	rows := make([]parkRow, len(parks))
	for i, p := range parks {
		id, _ := sqlite.CanonicalID(p.SagaID)
		rows[i] = parkRow{ID: id, Reason: p.Reason}
	}
	param, err := encodeRows(rows)
	if err != nil {
		return err
	}
	if _, err := t.tx.SQL.ExecContext(ctx, qParkSagas, param, sqlite.Micros(at)); err != nil {
		return fmt.Errorf("parking %d sagas: %w", len(parks), err)
	}
	return nil
}

// ParkedSagas reads up to limit parked sagas; the transaction holds the
// database's write lock.
func (t *tx) ParkedSagas(ctx context.Context, limit int) ([]*saga.Instance, error) {
	rows, err := t.tx.SQL.QueryContext(ctx, qParkedSagas, limit)
	if err != nil {
		return nil, fmt.Errorf("reading parked sagas: %w", err)
	}
	out, err := collect(rows, scanSaga)
	if err != nil {
		return nil, fmt.Errorf("reading parked sagas: %w", err)
	}
	return out, nil
}

// UnparkSagas takes parked sagas up again, due at at.
func (t *tx) UnparkSagas(ctx context.Context, ids []string, at time.Time) error {
	if len(ids) == 0 {
		return nil
	}
	param, err := encodeRows(sqlite.CanonicalIDs(ids))
	if err != nil {
		return err
	}
	if _, err := t.tx.SQL.ExecContext(ctx, qUnparkSagas, param, sqlite.Micros(at)); err != nil {
		return fmt.Errorf("unparking %d sagas: %w", len(ids), err)
	}
	return nil
}
