package defs

import (
	"encoding/json"
	"fmt"

	"github.com/streamsaga/streamsaga/saga"
)

// Fields of a trigger.
var triggerFields = []string{"stream", "event", "data"}

// trigger reads the trigger field: the stream and event type that start
// the type's sagas, and the template of their data over the event.
func trigger(f *fields) *saga.Trigger {
	if !f.has("trigger") {
		return nil
	}
	a := at{field: "trigger"}
	tf, ok := object(f.r, a, f.obj["trigger"], triggerFields...)
	if !ok {
		return nil
	}
	t := &saga.Trigger{Stream: tf.text("stream", true), Event: tf.text("event", true)}
	v, ok := tf.obj["data"]
	if !ok {
		return t
	}
	n := compile(f.r, a.in("data"), v, scope{event: true})
	t.DataTemplate = canonicalJSON(f.r, a.in("data"), v)
	t.Data = func(event saga.Envelope) (json.RawMessage, error) {
		raw, err := json.Marshal(event)
		if err != nil {
			return nil, fmt.Errorf("encoding event %s: %w", event.MessageID, err)
		}
		data, err := n.build(saga.PayloadInput{SagaID: event.SagaID, Data: raw})
		if err != nil {
			return nil, err
		}
		out, err := json.Marshal(data)
		if err != nil {
			return nil, fmt.Errorf("encoding the data of event %s: %w", event.MessageID, err)
		}
		return out, nil
	}
	return t
}
