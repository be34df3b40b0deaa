package defs

import (
	_ "embed"
)

//go:embed schema.json
var formatSchema []byte

// FormatSchema returns the JSON Schema (draft 2020-12) of the definition
// file format: its fields and their types. Parse checks more than it
// does: the paths in payloads, step names used twice, a max_backoff below
// the backoff, a duration of zero.
func FormatSchema() []byte { return append([]byte(nil), formatSchema...) }
