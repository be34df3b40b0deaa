package pgdriver

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/streamsaga/streamsaga/saga"
)

// scanSaga reads the columns of qSagaColumns.
func scanSaga(row pgx.Row) (*saga.Instance, error) { return scanSagaAnd(row) }

// scanSagaAnd reads the columns of qSagaColumns, then the columns after
// them into extra.
func scanSagaAnd(row pgx.Row, extra ...any) (*saga.Instance, error) {
	var in saga.Instance
	var state string
	var data, steps []byte
	var completed *time.Time
	dest := []any{&in.ID, &in.Type, &state, &data, &steps, &in.Version, &in.CorrelationID,
		&in.TraceParent, &in.Failure, &in.CreatedAt, &in.UpdatedAt, &completed, &in.DefinitionVersion, &in.Parked}
	err := row.Scan(append(dest, extra...)...)
	if err != nil {
		return nil, err
	}
	if in.State, err = saga.ParseState(state); err != nil {
		return nil, fmt.Errorf("saga %s: %w", in.ID, err)
	}
	if err := json.Unmarshal(steps, &in.Steps); err != nil {
		return nil, fmt.Errorf("decoding steps of saga %s: %w", in.ID, err)
	}
	in.Data, in.CompletedAt = data, completed
	return &in, nil
}

func sagaArgs(in *saga.Instance) ([]any, error) {
	steps, err := json.Marshal(in.Steps)
	if err != nil {
		return nil, fmt.Errorf("encoding steps of saga %s: %w", in.ID, err)
	}
	return []any{in.ID, in.Type, string(in.State), []byte(in.Data), steps, in.Version,
		in.CorrelationID, in.TraceParent, in.Failure, in.CreatedAt, in.UpdatedAt, in.CompletedAt,
		definitionVersion(in), in.Parked, in.NextDeadline()}, nil
}

// definitionVersion is the version an instance records, 1 when unset.
func definitionVersion(in *saga.Instance) int {
	return max(in.DefinitionVersion, 1)
}
