package saga

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strings"
)

// validateInput is a typed definition's ValidateInput: a strict decode
// into a D, then the definition's own check.
func validateInput[D any](validate func(D) error) func(json.RawMessage) error {
	return func(raw json.RawMessage) error {
		d, err := decodeStrict[D](raw)
		if err != nil {
			return err
		}
		if validate == nil {
			return nil
		}
		return validate(d)
	}
}

// decodeStrict decodes exactly one JSON value into a D and refuses fields
// a D does not have and values of the wrong JSON type.
func decodeStrict[D any](raw json.RawMessage) (D, error) {
	var d D
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&d); err != nil {
		return d, fmt.Errorf("data: %s", describeDecodeError(err))
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return d, errors.New("data: more than one JSON value")
	}
	return d, nil
}

// describeDecodeError says what is wrong with the data in the terms of
// JSON, for the client that sent it.
func describeDecodeError(err error) string {
	var typeErr *json.UnmarshalTypeError
	var syntaxErr *json.SyntaxError
	switch {
	case errors.As(err, &typeErr):
		return describeTypeError(typeErr)
	case errors.As(err, &syntaxErr):
		return fmt.Sprintf("not valid JSON at offset %d: %v", syntaxErr.Offset, syntaxErr)
	case errors.Is(err, io.EOF):
		return "empty"
	case errors.Is(err, io.ErrUnexpectedEOF):
		return "JSON ends too early"
	}
	return strings.TrimPrefix(err.Error(), "json: ")
}

func describeTypeError(e *json.UnmarshalTypeError) string {
	want, got := jsonKind(e.Type), e.Value
	if a, ok := jsonArticles[got]; ok {
		got = a
	} else if n, ok := strings.CutPrefix(got, "number "); ok {
		want, got = fmt.Sprintf("%s (%s)", want, e.Type), n // out of range or not whole
	}
	if e.Field == "" {
		return fmt.Sprintf("must be %s, got %s", want, got)
	}
	return fmt.Sprintf("field %q must be %s, got %s", e.Field, want, got)
}

// jsonArticles names the JSON values UnmarshalTypeError reports.
var jsonArticles = map[string]string{
	"string": "a string", "number": "a number", "bool": "a boolean",
	"array": "an array", "object": "an object",
}

// jsonKind names the JSON value a Go type decodes from.
func jsonKind(t reflect.Type) string {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch t.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return "an integer"
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "a non-negative integer"
	case reflect.Float32, reflect.Float64:
		return "a number"
	case reflect.String:
		return "a string"
	case reflect.Bool:
		return "a boolean"
	case reflect.Slice, reflect.Array:
		return "an array"
	case reflect.Struct, reflect.Map:
		return "an object"
	}
	return t.String()
}
