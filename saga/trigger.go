package saga

import (
	"encoding/json"
	"errors"
	"fmt"
)

// Trigger starts sagas of a type from an event: every message of type
// Event on the logical stream Stream starts one saga, whose id is the
// event's saga_id when it names one (as OrderCreated names the order's
// saga) and otherwise derives from the event's message id, so an event
// delivered twice starts one saga. The engine reads Stream in its
// consumer group.
type Trigger struct {
	// Stream is the logical stream the event arrives on, for example
	// "signups.events".
	Stream string
	// Event is the envelope type that starts a saga, for example
	// "SignedUp".
	Event string
	// Data builds the saga's data from the event; the definition's
	// ValidateInput then checks it. A Permanent error (and data
	// ValidateInput refuses) sends the event to the stream's dead letters.
	// Optional: default the event's data.
	Data func(event Envelope) (json.RawMessage, error)
	// DataTemplate is the template Data was built from, for a trigger read
	// from a file; part of the canonical form. Optional.
	DataTemplate json.RawMessage
}

// TriggerSpec is the structure of a Trigger.
type TriggerSpec struct {
	Stream string          `json:"stream"`
	Event  string          `json:"event"`
	Data   json.RawMessage `json:"data,omitempty"`
}

func (t *Trigger) validate() error {
	if t.Stream == "" || t.Event == "" {
		return errors.New("a trigger needs a stream and an event type")
	}
	return nil
}

// TriggeredID is the id of the saga of type sagaType an event starts: the
// same event gives the same id.
func TriggeredID(eventID, sagaType string) string { return DerivedID(eventID, "start:"+sagaType) }

// TriggeredStart is what a trigger makes of an event: the start of a saga
// whose id is the event's saga_id or TriggeredID, with the trigger's data (or the event's), the
// event's correlation id and trace, and the event named in the history.
func (d *Definition) TriggeredStart(event Envelope) (StartInput, error) {
	data := event.Data
	if d.Trigger != nil && d.Trigger.Data != nil {
		var err error
		if data, err = d.Trigger.Data(event); err != nil {
			return StartInput{}, fmt.Errorf("saga %s from %s %s: %w", d.Type, event.Type, event.MessageID, err)
		}
	}
	if d.ValidateInput != nil {
		if err := d.ValidateInput(data); err != nil {
			return StartInput{}, Permanent(fmt.Errorf("saga %s from %s %s: data refused: %w", d.Type, event.Type, event.MessageID, err))
		}
	}
	id := event.SagaID
	if !ValidID(id) {
		id = TriggeredID(event.MessageID, d.Type)
	}
	return StartInput{ID: id, CorrelationID: event.CorrelationID,
		TraceParent: ChildTraceParent(event.TraceParent), Data: data,
		TriggerID: event.MessageID, TriggerType: event.Type}, nil
}
