package cli

import (
	"encoding/json"
	"time"
)

// The API's answers, as far as the tables need them (see saga/internal/sagahttp's
// views); --json prints the answers themselves.

// sagaList is the answer to GET /sagas.
type sagaList struct {
	Sagas      []sagaDoc `json:"sagas"`
	NextCursor string    `json:"next_cursor"`
}

// rawSagaList is GET /sagas with each saga kept as the API wrote it.
type rawSagaList struct {
	Sagas      []json.RawMessage `json:"sagas"`
	NextCursor string            `json:"next_cursor"`
}

// sagaDoc is a saga of GET /sagas and GET /sagas/{id}.
type sagaDoc struct {
	SagaID        string       `json:"saga_id"`
	Type          string       `json:"type"`
	State         string       `json:"state"`
	CorrelationID string       `json:"correlation_id"`
	Failure       string       `json:"failure"`
	Version       int64        `json:"version"`
	CreatedAt     time.Time    `json:"created_at"`
	UpdatedAt     time.Time    `json:"updated_at"`
	CompletedAt   *time.Time   `json:"completed_at"`
	Steps         []stepDoc    `json:"steps"`
	History       []historyDoc `json:"history"`
	// HistoryNextCursor continues History (GET /sagas/{id} only).
	HistoryNextCursor string `json:"history_next_cursor"`
	// Data is the saga's input.
	Data json.RawMessage `json:"data"`
}

// stepDoc is one step of a saga.
type stepDoc struct {
	Name string `json:"name"`
	// Group is the step's parallel group, empty for a step of its own.
	Group                string     `json:"group"`
	State                string     `json:"state"`
	Attempts             int        `json:"attempts"`
	CompensationAttempts int        `json:"compensation_attempts"`
	LastError            string     `json:"last_error"`
	RetryPending         bool       `json:"retry_pending"`
	Deadline             *time.Time `json:"deadline"`
	// Result is the data of the step's success reply.
	Result json.RawMessage `json:"result"`
}

// historyDoc is one line of a saga's history.
type historyDoc struct {
	At          time.Time `json:"at"`
	Kind        string    `json:"kind"`
	Step        string    `json:"step"`
	MessageType string    `json:"message_type"`
	MessageID   string    `json:"message_id"`
	Detail      string    `json:"detail"`
}

// orderDoc is the answer to GET /orders/{id}.
type orderDoc struct {
	OrderID string `json:"order_id"`
	Status  string `json:"status"`
	SagaID  string `json:"saga_id"`
	Reason  string `json:"reason"`
}

// dlqDoc is the answer to GET /dlq.
type dlqDoc struct {
	DeadLetters []deadLetterDoc `json:"dead_letters"`
}

// deadLetterDoc is one dead letter.
type deadLetterDoc struct {
	Stream string `json:"stream"`
	// Shard is set when the streams are sharded (on a Redis Cluster).
	Shard      *int       `json:"shard"`
	ID         string     `json:"id"`
	SourceID   string     `json:"source_id"`
	Group      string     `json:"group"`
	Reason     string     `json:"reason"`
	Deliveries int64      `json:"deliveries"`
	At         *time.Time `json:"at"`
	Type       string     `json:"type"`
	MessageID  string     `json:"message_id"`
	SagaID     string     `json:"saga_id"`
}

// replayedDoc is the answer to POST /dlq/{stream}/{id}/replay.
type replayedDoc struct {
	Stream     string `json:"stream"`
	ID         string `json:"id"`
	ReplayedAs string `json:"replayed_as"`
}
