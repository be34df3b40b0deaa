package httpx

import "time"

// Time renders as RFC 3339 in UTC with microseconds, the form of every
// time in the HTTP API.
type Time time.Time

// TimeFormat is RFC 3339 with a fixed six-digit fraction.
const TimeFormat = "2006-01-02T15:04:05.000000Z07:00"

// MarshalJSON renders the time with microseconds.
func (t Time) MarshalJSON() ([]byte, error) {
	return []byte(`"` + time.Time(t).UTC().Format(TimeFormat) + `"`), nil
}

// TimePtr is t as a Time, nil when t is.
func TimePtr(t *time.Time) *Time {
	if t == nil {
		return nil
	}
	v := Time(*t)
	return &v
}
