package api

import (
	"encoding/json"
	"time"

	"github.com/streamsaga/streamsaga/orchestrator/ordersaga"
	"github.com/streamsaga/streamsaga/orchestrator/orderstore"
	"github.com/streamsaga/streamsaga/saga"
)

// Time renders as RFC 3339 in UTC with microseconds.
type Time time.Time

// TimeFormat is RFC 3339 with a fixed six-digit fraction.
const TimeFormat = "2006-01-02T15:04:05.000000Z07:00"

// MarshalJSON renders the time with microseconds.
func (t Time) MarshalJSON() ([]byte, error) {
	return []byte(`"` + time.Time(t).UTC().Format(TimeFormat) + `"`), nil
}

func timePtr(t *time.Time) *Time {
	if t == nil {
		return nil
	}
	v := Time(*t)
	return &v
}

// PlacedView is the answer to POST /orders.
type PlacedView struct {
	OrderID string `json:"order_id"`
	SagaID  string `json:"saga_id"`
	Status  string `json:"status"`
}

// OrderView is the answer to GET /orders/{id}.
type OrderView struct {
	OrderID    string           `json:"order_id"`
	CustomerID string           `json:"customer_id"`
	Status     string           `json:"status"`
	TotalCents int64            `json:"total_cents"`
	SagaID     string           `json:"saga_id"`
	Reason     string           `json:"reason"`
	Items      []ordersaga.Item `json:"items"`
	CreatedAt  Time             `json:"created_at"`
	UpdatedAt  Time             `json:"updated_at"`
}

func orderView(o orderstore.Order) OrderView {
	return OrderView{OrderID: o.ID, CustomerID: o.CustomerID, Status: string(o.Status), TotalCents: o.TotalCents,
		SagaID: o.SagaID, Reason: o.Reason, Items: o.Items, CreatedAt: Time(o.CreatedAt), UpdatedAt: Time(o.UpdatedAt)}
}

// StepView is one step of GET /sagas/{id}.
type StepView struct {
	Name                 string `json:"name"`
	State                string `json:"state"`
	Attempts             int    `json:"attempts"`
	CompensationAttempts int    `json:"compensation_attempts"`
	LastError            string `json:"last_error,omitempty"`
	RetryPending         bool   `json:"retry_pending,omitempty"`
	StartedAt            *Time  `json:"started_at"`
	FinishedAt           *Time  `json:"finished_at"`
	Deadline             *Time  `json:"deadline,omitempty"`
	// Result is the data of the step's success reply, null until then.
	Result json.RawMessage `json:"result"`
}

// HistoryView is one line of a saga's history.
type HistoryView struct {
	At          Time   `json:"at"`
	Kind        string `json:"kind"`
	Step        string `json:"step,omitempty"`
	MessageType string `json:"message_type,omitempty"`
	MessageID   string `json:"message_id,omitempty"`
	Detail      string `json:"detail,omitempty"`
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
	Parked        string     `json:"parked,omitempty"`
	State         string     `json:"state"`
	CorrelationID string     `json:"correlation_id"`
	Failure       string     `json:"failure,omitempty"`
	Version       int64      `json:"version"`
	CreatedAt     Time       `json:"created_at"`
	UpdatedAt     Time       `json:"updated_at"`
	CompletedAt   *Time      `json:"completed_at"`
	Steps         []StepView `json:"steps"`
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
		Failure: in.Failure, Version: in.Version, CreatedAt: Time(in.CreatedAt), UpdatedAt: Time(in.UpdatedAt),
		CompletedAt: timePtr(in.CompletedAt), Steps: make([]StepView, len(in.Steps))}
	for i, s := range in.Steps {
		v.Steps[i] = StepView{Name: s.Name, State: string(s.State), Attempts: s.Attempts,
			CompensationAttempts: s.CompensationAttempts, LastError: s.LastError, RetryPending: s.RetryPending,
			StartedAt: timePtr(s.StartedAt), FinishedAt: timePtr(s.FinishedAt), Deadline: timePtr(s.Deadline),
			Result: s.Result}
	}
	return v
}

func historyViews(hs []saga.HistoryEntry) []HistoryView {
	out := make([]HistoryView, len(hs))
	for i, h := range hs {
		out[i] = HistoryView{At: Time(h.At), Kind: h.Kind, Step: h.Step, MessageType: h.MessageType,
			MessageID: h.MessageID, Detail: Truncate(h.Detail, MaxFieldBytes)}
	}
	return out
}
