package driver

import (
	"encoding/base64"
	"fmt"
	"strings"
	"time"

	"github.com/streamsaga/streamsaga/saga"
)

// Encode renders a cursor as an opaque string.
func (c Cursor) Encode() string {
	raw := c.CreatedAt.UTC().Format(time.RFC3339Nano) + "|" + c.ID
	return base64.RawURLEncoding.EncodeToString([]byte(raw))
}

// ParseCursor reads a cursor made by Encode.
func ParseCursor(s string) (Cursor, error) {
	raw, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil {
		return Cursor{}, fmt.Errorf("cursor is not valid: %w", err)
	}
	at, id, ok := strings.Cut(string(raw), "|")
	if !ok || !saga.ValidID(id) {
		return Cursor{}, fmt.Errorf("cursor is not valid")
	}
	t, err := time.Parse(time.RFC3339Nano, at)
	if err != nil {
		return Cursor{}, fmt.Errorf("cursor is not valid: %w", err)
	}
	return Cursor{CreatedAt: t, ID: id}, nil
}
