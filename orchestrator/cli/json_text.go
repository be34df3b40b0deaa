package cli

import (
	"bytes"
	"encoding/json"
	"fmt"
	"unicode/utf8"
)

// maxShownJSON is the longest saga data or step result printed in full.
const maxShownJSON = 200

// compactJSON renders raw on one line, cut to max bytes with its size
// shown; "-" when there is nothing (absent or null).
func compactJSON(raw json.RawMessage, max int) string {
	if len(raw) == 0 || string(raw) == "null" {
		return "-"
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
	return fmt.Sprintf("%s… (%d bytes)", b.Bytes()[:cut], b.Len())
}
