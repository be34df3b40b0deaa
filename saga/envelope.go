package saga

import (
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/google/uuid"
)

// Envelope is the JSON document carried by every stream entry: commands from
// the orchestrator, replies from participants and domain events. The README
// documents it field by field for participants written in other languages.
type Envelope struct {
	MessageID     string          `json:"message_id"`
	Type          string          `json:"type"`
	SagaID        string          `json:"saga_id,omitempty"`
	SagaType      string          `json:"saga_type,omitempty"`
	Step          string          `json:"step,omitempty"`
	Attempt       int             `json:"attempt,omitempty"`
	CorrelationID string          `json:"correlation_id,omitempty"`
	CausationID   string          `json:"causation_id,omitempty"`
	ReplyTo       string          `json:"reply_to,omitempty"`
	TraceParent   string          `json:"traceparent,omitempty"`
	Time          time.Time       `json:"time"`
	Data          json.RawMessage `json:"data,omitempty"`
	Error         *ReplyError     `json:"error,omitempty"`
}

// ReplyError is set on a reply that reports a failure. A business failure
// (Retryable false) makes the saga compensate; a retryable one asks the
// orchestrator to send the command again.
type ReplyError struct {
	Message   string `json:"message"`
	Retryable bool   `json:"retryable,omitempty"`
}

// MaxEnvelopeBytes bounds the size of an encoded envelope.
const MaxEnvelopeBytes = 1 << 20

// Encode marshals the envelope to JSON.
func (e *Envelope) Encode() ([]byte, error) {
	b, err := json.Marshal(e)
	if err != nil {
		return nil, fmt.Errorf("encoding envelope %s: %w", e.MessageID, err)
	}
	return b, nil
}

// DecodeEnvelope parses and validates an envelope. Every error it returns is
// permanent: the same bytes will never parse.
func DecodeEnvelope(b []byte) (Envelope, error) {
	var e Envelope
	if len(b) > MaxEnvelopeBytes {
		return e, Permanent(fmt.Errorf("envelope of %d bytes exceeds %d", len(b), MaxEnvelopeBytes))
	}
	if err := json.Unmarshal(b, &e); err != nil {
		return e, Permanent(fmt.Errorf("decoding envelope: %w", err))
	}
	if err := e.Validate(); err != nil {
		return e, Permanent(err)
	}
	return e, nil
}

// Validate checks the fields every envelope must have.
func (e *Envelope) Validate() error {
	if _, err := uuid.Parse(e.MessageID); err != nil {
		return fmt.Errorf("envelope message_id %q is not a UUID", e.MessageID)
	}
	if e.Type == "" {
		return errors.New("envelope has no type")
	}
	if e.SagaID != "" {
		if _, err := uuid.Parse(e.SagaID); err != nil {
			return fmt.Errorf("envelope saga_id %q is not a UUID", e.SagaID)
		}
	}
	if e.Attempt < 0 {
		return fmt.Errorf("envelope attempt %d is negative", e.Attempt)
	}
	return nil
}
