package stream

import "sync"

// lastErrorsCap bounds how many entries' last handler errors are kept.
const lastErrorsCap = 1024

// lastErrors remembers the last handler error of entries left pending, so
// a dead-letter reason can say why an entry kept failing. It only knows the
// errors seen by this process; it forgets an arbitrary entry when full.
type lastErrors struct {
	mu  sync.Mutex
	cap int
	m   map[string]string
}

func newLastErrors(capacity int) *lastErrors {
	return &lastErrors{cap: capacity, m: make(map[string]string)}
}

func (l *lastErrors) put(id, msg string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if _, ok := l.m[id]; !ok && len(l.m) >= l.cap {
		for k := range l.m {
			delete(l.m, k)
			break
		}
	}
	l.m[id] = msg
}

func (l *lastErrors) get(id string) (string, bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	msg, ok := l.m[id]
	return msg, ok
}

func (l *lastErrors) remove(id string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	delete(l.m, id)
}
