package saga

import (
	"encoding/json"
	"fmt"
)

// PayloadFunc builds the data of a command from what the saga knows so far:
// its data and the results of the steps that succeeded before.
type PayloadFunc func(in PayloadInput) (any, error)

// PayloadInput is what a payload builder may read.
type PayloadInput struct {
	// SagaID is the saga's id.
	SagaID string
	// Data is the saga's data, as it was started.
	Data json.RawMessage
	// Results holds the data of each succeeded step's success reply, by
	// step name; a step whose reply carried no data is absent.
	Results map[string]json.RawMessage
}

// Result decodes the result of the named step into v; ErrNoResult when the
// step has none (it has not succeeded, or its reply carried no data).
func (in PayloadInput) Result(step string, v any) error {
	raw, ok := in.Results[step]
	if !ok {
		return fmt.Errorf("step %s: %w", step, ErrNoResult)
	}
	if err := json.Unmarshal(raw, v); err != nil {
		return fmt.Errorf("decoding the result of step %s: %w", step, err)
	}
	return nil
}

// payloadInput is what the instance offers its payload builders now.
func (in *Instance) payloadInput() PayloadInput {
	p := PayloadInput{SagaID: in.ID, Data: in.Data}
	for _, s := range in.Steps {
		if len(s.Result) == 0 {
			continue
		}
		if p.Results == nil {
			p.Results = map[string]json.RawMessage{}
		}
		p.Results[s.Name] = s.Result
	}
	return p
}

// buildPayload runs f on the instance, or passes the saga's data on when
// the step has no builder.
func buildPayload(f PayloadFunc, inst *Instance) (json.RawMessage, error) {
	if f == nil {
		return inst.Data, nil
	}
	v, err := f(inst.payloadInput())
	if err != nil {
		return nil, err
	}
	return json.Marshal(v)
}

// keepResult records the data of a step's success reply as its result. An
// empty or null body leaves no result.
func (rec *StepRecord) keepResult(data json.RawMessage) {
	if len(data) == 0 || string(data) == "null" {
		rec.Result = nil
		return
	}
	rec.Result = append(json.RawMessage(nil), data...)
}
