package defs

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"
)

// A document is a file decoded into plain values: map[string]any, []any,
// json.Number, string, bool and nil. JSON and YAML decode to the same
// values, so both formats give one definition.

// decode reads content as JSON or YAML, chosen by the name's extension.
func decode(name string, content []byte) (any, error) {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".json":
		return decodeJSON(content)
	case ".yaml", ".yml":
		return decodeYAML(content)
	}
	return nil, errors.New("not a .json, .yaml or .yml file")
}

// decodeJSON reads one JSON value; a key twice in one object is an error.
func decodeJSON(content []byte) (any, error) {
	dec := json.NewDecoder(bytes.NewReader(content))
	dec.UseNumber()
	v, err := jsonValue(dec)
	if err == nil {
		if _, extra := dec.Token(); extra != io.EOF {
			err = errors.New("more than one JSON value")
		}
	}
	if err != nil {
		return nil, jsonError(content, dec, err)
	}
	return v, nil
}

func jsonValue(dec *json.Decoder) (any, error) {
	tok, err := dec.Token()
	if err != nil {
		return nil, err
	}
	switch tok {
	case json.Delim('{'):
		return jsonObject(dec)
	case json.Delim('['):
		return jsonArray(dec)
	}
	return tok, nil
}

func jsonObject(dec *json.Decoder) (any, error) {
	out := map[string]any{}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, err
		}
		key, ok := tok.(string)
		if !ok {
			return nil, fmt.Errorf("object key %v is not a string", tok)
		}
		if _, dup := out[key]; dup {
			return nil, fmt.Errorf("key %q appears twice in one object", key)
		}
		if out[key], err = jsonValue(dec); err != nil {
			return nil, err
		}
	}
	_, err := dec.Token()
	return out, err
}

func jsonArray(dec *json.Decoder) (any, error) {
	out := []any{}
	for dec.More() {
		v, err := jsonValue(dec)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	_, err := dec.Token()
	return out, err
}

// jsonError says where in content decoding stopped, as a line number.
func jsonError(content []byte, dec *json.Decoder, err error) error {
	offset := dec.InputOffset()
	var se *json.SyntaxError
	if errors.As(err, &se) {
		offset = se.Offset
	}
	if err == io.EOF || err == io.ErrUnexpectedEOF {
		err = errors.New("unexpected end of JSON input")
	}
	line := 1 + bytes.Count(content[:min(int(offset), len(content))], []byte("\n"))
	return fmt.Errorf("line %d: not valid JSON: %v", line, err)
}
