package sagahttp

import (
	"encoding/json"

	"github.com/streamsaga/streamsaga/saga"
	"github.com/streamsaga/streamsaga/saga/httpx"
)

// StepView is one step of GET /sagas/{id}.
type StepView struct {
	Name string `json:"name"`
	// Group is the step's parallel group; absent for a step of its own.
	Group                string      `json:"group,omitempty"`
	State                string      `json:"state"`
	Attempts             int         `json:"attempts"`
	CompensationAttempts int         `json:"compensation_attempts"`
	LastError            string      `json:"last_error,omitempty"`
	RetryPending         bool        `json:"retry_pending,omitempty"`
	StartedAt            *httpx.Time `json:"started_at"`
	FinishedAt           *httpx.Time `json:"finished_at"`
	Deadline             *httpx.Time `json:"deadline,omitempty"`
	// Result is the data of the step's success reply, null until then.
	Result json.RawMessage `json:"result"`
}

// HistoryView is one line of a saga's history.
type HistoryView struct {
	At          httpx.Time `json:"at"`
	Kind        string     `json:"kind"`
	Step        string     `json:"step,omitempty"`
	MessageType string     `json:"message_type,omitempty"`
	MessageID   string     `json:"message_id,omitempty"`
	Detail      string     `json:"detail,omitempty"`
}

// SagaView is a saga in GET /sagas and GET /sagas/{id}; History is only
// set for the latter.
type SagaView struct {
	SagaID string `json:"saga_id"`
	Type   string `json:"type"`
	// DefinitionVersion is the version of the type's definition the saga
	// runs on.
	DefinitionVersion int `json:"definition_version,omitempty"`
	// Parked is why the saga was set aside; absent when it is not.
	Parked        string      `json:"parked,omitempty"`
	State         string      `json:"state"`
	CorrelationID string      `json:"correlation_id"`
	Failure       string      `json:"failure,omitempty"`
	Version       int64       `json:"version"`
	CreatedAt     httpx.Time  `json:"created_at"`
	UpdatedAt     httpx.Time  `json:"updated_at"`
	CompletedAt   *httpx.Time `json:"completed_at"`
	Steps         []StepView  `json:"steps"`
	// Data is the saga's input; only on GET /sagas/{id}.
	Data    json.RawMessage `json:"data,omitempty"`
	History []HistoryView   `json:"history,omitempty"`
	// HistoryNextCursor, on GET /sagas/{id}, continues History with
	// ?history_cursor=; absent on the last page.
	HistoryNextCursor string `json:"history_next_cursor,omitempty"`
	// IgnoredReplies, on GET /sagas/{id}, counts the replies the saga
	// ignored, those its history no longer records among them.
	IgnoredReplies *int `json:"ignored_replies,omitempty"`
}

func sagaView(in *saga.Instance) SagaView {
	v := SagaView{SagaID: in.ID, Type: in.Type, DefinitionVersion: in.DefinitionVersion, Parked: in.Parked,
		State: string(in.State), CorrelationID: in.CorrelationID,
		Failure: in.Failure, Version: in.Version, CreatedAt: httpx.Time(in.CreatedAt), UpdatedAt: httpx.Time(in.UpdatedAt),
		CompletedAt: httpx.TimePtr(in.CompletedAt), Steps: make([]StepView, len(in.Steps))}
	for i, s := range in.Steps {
		v.Steps[i] = StepView{Name: s.Name, Group: s.Group, State: string(s.State), Attempts: s.Attempts,
			CompensationAttempts: s.CompensationAttempts, LastError: s.LastError, RetryPending: s.RetryPending,
			StartedAt: httpx.TimePtr(s.StartedAt), FinishedAt: httpx.TimePtr(s.FinishedAt), Deadline: httpx.TimePtr(s.Deadline),
			Result: s.Result}
	}
	return v
}

func historyViews(hs []saga.HistoryEntry) []HistoryView {
	out := make([]HistoryView, len(hs))
	for i, h := range hs {
		out[i] = HistoryView{At: httpx.Time(h.At), Kind: h.Kind, Step: h.Step, MessageType: h.MessageType,
			MessageID: h.MessageID, Detail: Truncate(h.Detail, MaxFieldBytes)}
	}
	return out
}
