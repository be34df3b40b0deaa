package ui

import (
	"bytes"
	"encoding/json"
	"fmt"
	"unicode/utf8"
)

// The longest saga data and step result shown in full on a saga's page.
const (
	maxDataBytes   = 16 << 10
	maxResultBytes = 400
)

// shownJSON renders raw for the page: indented when it fits in max bytes,
// else cut with its size shown; "" when there is nothing (absent or null).
func shownJSON(raw json.RawMessage, max int) string {
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
