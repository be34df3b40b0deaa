package sqlitedriver

import (
	"database/sql"
	"encoding/json"
	"fmt"

	"github.com/streamsaga/streamsaga/saga"
	"github.com/streamsaga/streamsaga/saga/sqlite"
)

// row is what scanners read: *sql.Row or *sql.Rows.
type row interface {
	Scan(dest ...any) error
}

// scanSaga reads the columns of qSagaColumns.
func scanSaga(r row) (*saga.Instance, error) { return scanSagaAnd(r) }

// scanSagaAnd reads the columns of qSagaColumns, then the columns after
// them into extra.
func scanSagaAnd(r row, extra ...any) (*saga.Instance, error) {
	var in saga.Instance
	var state, data, steps string
	var created, updated int64
	var completed *int64
	dest := []any{&in.ID, &in.Type, &state, &data, &steps, &in.Version, &in.CorrelationID,
		&in.TraceParent, &in.Failure, &created, &updated, &completed, &in.DefinitionVersion, &in.Parked}
	err := r.Scan(append(dest, extra...)...)
	if err != nil {
		return nil, err
	}
	if in.State, err = saga.ParseState(state); err != nil {
		return nil, fmt.Errorf("saga %s: %w", in.ID, err)
	}
	if err := json.Unmarshal([]byte(steps), &in.Steps); err != nil {
		return nil, fmt.Errorf("decoding steps of saga %s: %w", in.ID, err)
	}
	in.Data = json.RawMessage(data)
	in.CreatedAt, in.UpdatedAt, in.CompletedAt = sqlite.Time(created), sqlite.Time(updated), timeOrNil(completed)
	return &in, nil
}

// scanHistory reads the columns of qHistory.
func scanHistory(r row) (saga.HistoryEntry, error) {
	var h saga.HistoryEntry
	var at int64
	if err := r.Scan(&at, &h.Kind, &h.Step, &h.MessageType, &h.MessageID, &h.Detail); err != nil {
		return h, err
	}
	h.At = sqlite.Time(at)
	return h, nil
}

// collect reads every row of rows with scan and closes rows.
func collect[T any](rows *sql.Rows, scan func(row) (T, error)) ([]T, error) {
	defer rows.Close()
	var out []T
	for rows.Next() {
		v, err := scan(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	return out, nil
}

// scanString reads a single text column.
func scanString(r row) (string, error) {
	var s string
	err := r.Scan(&s)
	return s, err
}
