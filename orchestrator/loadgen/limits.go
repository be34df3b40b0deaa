package loadgen

import "time"

// limits says when a run stops sending: after count orders (zero: no
// limit) or at end (zero: no limit), whichever comes first.
type limits struct {
	count int64
	end   time.Time
}

// reached reports whether order n (counted from 0), due at, may not be sent.
func (l limits) reached(n int64, at time.Time) bool {
	if l.count > 0 && n >= l.count {
		return true
	}
	return !l.end.IsZero() && !at.Before(l.end)
}
