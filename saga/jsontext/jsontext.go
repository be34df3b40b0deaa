package jsontext

import (
	"bytes"
	"encoding/json"
	"fmt"
	"unicode/utf8"
)

// Compact renders raw on one line, cut to max bytes with its size shown;
// "" when there is nothing (absent or null). Text that is not JSON is shown
// as it is, cut the same way.
func Compact(raw json.RawMessage, max int) string {
	if len(raw) == 0 || string(raw) == "null" {
		return ""
	}
	var b bytes.Buffer
	if err := json.Compact(&b, raw); err != nil {
		b.Reset()
		b.Write(raw)
	}
	if b.Len() <= max {
		return b.String()
	}
	cut := max
	for cut > 0 && !utf8.RuneStart(b.Bytes()[cut]) {
		cut--
	}
	return fmt.Sprintf("%s… (%d bytes, cut to %d)", b.Bytes()[:cut], b.Len(), cut)
}
