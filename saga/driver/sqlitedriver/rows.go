package sqlitedriver

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/streamsaga/streamsaga/saga"
	"github.com/streamsaga/streamsaga/saga/sqlite"
)

// The rows of set-based statements, as the objects of the JSON array they
// read with json_each. JSON documents (data, steps) travel as
// strings, so they are stored byte for byte; times travel as microseconds.

type sagaRow struct {
	ID            string `json:"id"`
	Type          string `json:"type"`
	State         string `json:"state"`
	Data          string `json:"data"`
	Steps         string `json:"steps"`
	Version       int64  `json:"version"`
	CorrelationID string `json:"correlation_id"`
	TraceParent   string `json:"trace_parent"`
	Failure       string `json:"failure"`
	CreatedAt     int64  `json:"created_at"`
	UpdatedAt     int64  `json:"updated_at"`
	CompletedAt   *int64 `json:"completed_at"`
	NextDeadline  *int64 `json:"next_deadline"`
	DefVersion    int    `json:"definition_version"`
	Parked        string `json:"parked"`
	Key           string `json:"idempotency_key"`
	RequestHash   string `json:"request_hash"`
}

type historyRow struct {
	SagaID      string `json:"saga_id"`
	At          int64  `json:"at"`
	Kind        string `json:"kind"`
	Step        string `json:"step"`
	MessageType string `json:"message_type"`
	MessageID   string `json:"message_id"`
	Detail      string `json:"detail"`
}

// encodeRows renders rows as the one JSON parameter of a statement.
func encodeRows(rows any) (string, error) {
	b, err := json.Marshal(rows)
	if err != nil {
		return "", fmt.Errorf("encoding statement rows: %w", err)
	}
	return string(b), nil
}

// newSagaRow is an instance to insert or save; its id must be a UUID.
func newSagaRow(in *saga.Instance) (sagaRow, error) {
	id, err := sqlite.UUIDColumn("saga id", in.ID)
	if err != nil {
		return sagaRow{}, err
	}
	steps, err := json.Marshal(in.Steps)
	if err != nil {
		return sagaRow{}, fmt.Errorf("encoding steps of saga %s: %w", in.ID, err)
	}
	return sagaRow{ID: id, Type: in.Type, State: string(in.State), Data: string(in.Data), Steps: string(steps),
		Version: in.Version, CorrelationID: in.CorrelationID, TraceParent: in.TraceParent, Failure: in.Failure,
		CreatedAt: sqlite.Micros(in.CreatedAt), UpdatedAt: sqlite.Micros(in.UpdatedAt),
		CompletedAt: microsOrNil(in.CompletedAt), NextDeadline: microsOrNil(in.NextDeadline()),
		DefVersion: max(in.DefinitionVersion, 1), Parked: in.Parked}, nil
}

// sagaRows are the rows of insts.
func sagaRows(insts []*saga.Instance) ([]sagaRow, error) {
	out := make([]sagaRow, len(insts))
	for i, in := range insts {
		r, err := newSagaRow(in)
		if err != nil {
			return nil, err
		}
		out[i] = r
	}
	return out, nil
}

// appendHistoryRows adds the history lines of one saga to rows.
func appendHistoryRows(rows []historyRow, sagaID string, hs []saga.HistoryEntry) ([]historyRow, error) {
	id, err := sqlite.UUIDColumn("saga id of history", sagaID)
	if err != nil {
		return nil, err
	}
	for _, h := range hs {
		rows = append(rows, historyRow{SagaID: id, At: sqlite.Micros(h.At), Kind: h.Kind, Step: h.Step,
			MessageType: h.MessageType, MessageID: h.MessageID, Detail: h.Detail})
	}
	return rows, nil
}

// microsOrNil is an optional time as stored.
func microsOrNil(t *time.Time) *int64 {
	if t == nil {
		return nil
	}
	us := sqlite.Micros(*t)
	return &us
}

// timeOrNil is an optional stored time back.
func timeOrNil(us *int64) *time.Time {
	if us == nil {
		return nil
	}
	t := sqlite.Time(*us)
	return &t
}
