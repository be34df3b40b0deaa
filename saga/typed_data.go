package saga

import (
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
)

// Input is what a typed payload builder may read: the saga's data as a D,
// decoded for this call, and the results of the steps that succeeded.
type Input[D any] struct {
	// SagaID is the saga's id.
	SagaID string
	// Data is the saga's data, as it was started.
	Data D
	raw  PayloadInput
}

// Result decodes the result of the named step into v; ErrNoResult when the
// step has none (it has not succeeded, or its reply carried no data).
func (in Input[D]) Result(step string, v any) error {
	return in.raw.Result(step, v)
}

// DataError reports saga data that does not decode into the Go type its
// typed definition or its reader expects.
type DataError struct {
	SagaID string
	Type   string
	// Want is the Go type the data was decoded into.
	Want string
	Err  error
}

func (e *DataError) Error() string {
	return fmt.Sprintf("saga %s (type %s): decoding its data into %s: %s",
		e.SagaID, e.Type, e.Want, describeDecodeError(e.Err))
}

func (e *DataError) Unwrap() error { return e.Err }

// DecodeData decodes a saga's data into a D, for code that reads a saga
// started from a Typed[D]. Fields a D lacks are ignored and absent or null
// data is D's zero value; data that does not fit a D is a *DataError.
func DecodeData[D any](inst *Instance) (D, error) {
	if inst == nil {
		var zero D
		return zero, errors.New("decoding saga data: no saga")
	}
	return decodeData[D](inst.ID, inst.Type, inst.Data)
}

func decodeData[D any](sagaID, sagaType string, raw json.RawMessage) (D, error) {
	var d D
	if len(raw) == 0 {
		return d, nil
	}
	if err := json.Unmarshal(raw, &d); err != nil {
		return d, &DataError{SagaID: sagaID, Type: sagaType, Want: reflect.TypeFor[D]().String(), Err: err}
	}
	return d, nil
}

// typedPayload adapts a typed builder to a PayloadFunc. Data that does not
// decode is a permanent error: sending the command again cannot fix it. A
// nil builder stays nil, so the step sends the saga's data as it is.
func typedPayload[D any](sagaType string, f func(Input[D]) (any, error)) PayloadFunc {
	if f == nil {
		return nil
	}
	return func(in PayloadInput) (any, error) {
		d, err := decodeData[D](in.SagaID, sagaType, in.Data)
		if err != nil {
			return nil, Permanent(err)
		}
		return f(Input[D]{SagaID: in.SagaID, Data: d, raw: in})
	}
}
