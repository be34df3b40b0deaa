package sqlite

import (
	"encoding/json"
	"fmt"
	"time"
)

// rows encodes v (a slice of structs with json tags) as the one JSON
// parameter a set-based statement reads with json_each.
func rows(v any) (string, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return "", fmt.Errorf("encoding statement rows: %w", err)
	}
	return string(b), nil
}

// Micros is t as stored: microseconds since the Unix epoch.
func Micros(t time.Time) int64 { return t.UnixMicro() }

// Time is a stored time back, in UTC.
func Time(us int64) time.Time { return time.UnixMicro(us).UTC() }
