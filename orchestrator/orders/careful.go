package orders

import "sync"

// carefulMemory bounds the sagas careful remembers; past it, it forgets
// them all (their next finish then fails its check once more).
const carefulMemory = 1 << 10

// careful remembers the sagas whose orders did not take their outcome
// when finished on the condition that they would (LaterFinisher): their
// transaction was rolled back, and the next finish of those sagas reads
// which orders changed instead.
type careful struct {
	mu  sync.Mutex
	ids map[string]struct{}
}

// add remembers ids.
func (c *careful) add(ids []string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.ids == nil || len(c.ids)+len(ids) > carefulMemory {
		c.ids = make(map[string]struct{}, len(ids))
	}
	for _, id := range ids {
		c.ids[id] = struct{}{}
	}
}

// any reports whether one of ids is remembered.
func (c *careful) any(ids []string) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, id := range ids {
		if _, ok := c.ids[id]; ok {
			return true
		}
	}
	return false
}

// forget forgets ids.
func (c *careful) forget(ids []string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, id := range ids {
		delete(c.ids, id)
	}
}
