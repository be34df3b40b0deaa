package ui

import (
	"html/template"
	"time"
)

// funcs are the helpers the templates call.
var funcs = template.FuncMap{
	"iso":   iso,
	"when":  when,
	"short": short,
}

// iso is t as an RFC 3339 timestamp in UTC, for datetime attributes.
func iso(t time.Time) string { return t.UTC().Format(time.RFC3339Nano) }

// when is t as people read it: UTC to the millisecond.
func when(t time.Time) string { return t.UTC().Format("2006-01-02 15:04:05.000") }

// short is the first eight characters of an id, enough to tell ids apart
// on one page; the full id goes in a title.
func short(id string) string {
	if len(id) <= 8 {
		return id
	}
	return id[:8]
}

// deref is *t, or the zero time for nil: the templates show the zero time
// as absent.
func deref(t *time.Time) time.Time {
	if t == nil {
		return time.Time{}
	}
	return *t
}
