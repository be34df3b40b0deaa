package api

import "github.com/streamsaga/streamsaga/saga/stream"

// DLQView is the answer to GET /dlq.
type DLQView struct {
	DeadLetters []DeadLetterView `json:"dead_letters"`
}

// DeadLetterView is one dead letter: where it came from, why it was given
// up on, and the original entry's fields.
type DeadLetterView struct {
	Stream     string `json:"stream"`
	ID         string `json:"id"`
	SourceID   string `json:"source_id"`
	Group      string `json:"group"`
	Reason     string `json:"reason"`
	Deliveries int64  `json:"deliveries"`
	At         *Time  `json:"at"`
	Type       string `json:"type"`
	MessageID  string `json:"message_id"`
	SagaID     string `json:"saga_id"`
	Envelope   string `json:"envelope"`
}

// ReplayedView is the answer to POST /dlq/{stream}/{id}/replay.
type ReplayedView struct {
	Stream     string `json:"stream"`
	ID         string `json:"id"`
	ReplayedAs string `json:"replayed_as"`
}

// deadLetterView renders a dead letter of the logical stream name; At is
// null when the entry's time cannot be read.
func deadLetterView(name string, dl stream.DeadLetter) DeadLetterView {
	v := DeadLetterView{Stream: name, ID: dl.ID, SourceID: dl.SourceID, Group: dl.Group, Reason: dl.Reason,
		Deliveries: dl.Deliveries, Type: dl.Fields[stream.FieldType], MessageID: dl.Fields[stream.FieldMessageID],
		SagaID: dl.Fields[stream.FieldSagaID], Envelope: dl.Fields[stream.FieldEnvelope]}
	if !dl.At.IsZero() {
		v.At = timePtr(&dl.At)
	}
	return v
}
