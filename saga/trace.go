package saga

import (
	"crypto/rand"
	"encoding/hex"
	"strings"
)

// NewTraceParent starts a new W3C trace context: version 00, a random trace
// id and span id, sampled.
func NewTraceParent() string {
	var b [24]byte
	_, _ = rand.Read(b[:])
	return "00-" + hex.EncodeToString(b[:16]) + "-" + hex.EncodeToString(b[16:]) + "-01"
}

// ChildTraceParent keeps the trace id of parent and gives a new span id. An
// invalid or empty parent starts a new trace.
func ChildTraceParent(parent string) string {
	id := TraceID(parent)
	if id == "" {
		return NewTraceParent()
	}
	var b [8]byte
	_, _ = rand.Read(b[:])
	return "00-" + id + "-" + hex.EncodeToString(b[:]) + "-01"
}

// TraceID extracts the trace id from a traceparent, or "" if it is invalid.
func TraceID(traceParent string) string {
	parts := strings.Split(traceParent, "-")
	if len(parts) != 4 || len(parts[0]) != 2 || len(parts[1]) != 32 || len(parts[2]) != 16 || len(parts[3]) != 2 {
		return ""
	}
	if !isHex(parts[1]) || !isHex(parts[2]) || parts[1] == strings.Repeat("0", 32) {
		return ""
	}
	return parts[1]
}

func isHex(s string) bool {
	_, err := hex.DecodeString(s)
	return err == nil
}
