package optimistic

import "time"

// Window is how many tries a Judge judges at a time, Pause how long it
// pauses the fast path after a window of which more than a quarter failed.
const (
	Window = 64
	Pause  = time.Minute
)

// Judge counts the tries of a fast path and those that held. Its zero
// value is ready; its callers serialise its use.
type Judge struct {
	tried, hits int
	pausedUntil time.Time
}

// Paused judges the window once it is full and reports whether the fast
// path is paused at now, and whether that pause began with this call.
func (j *Judge) Paused(now time.Time) (paused, began bool) {
	if j.tried >= Window {
		if (j.tried-j.hits)*4 > j.tried {
			j.pausedUntil, began = now.Add(Pause), true
		}
		j.tried, j.hits = 0, 0
	}
	return now.Before(j.pausedUntil), began
}

// Tried counts a try.
func (j *Judge) Tried() { j.tried++ }

// Hit counts a try that held.
func (j *Judge) Hit() { j.hits++ }
