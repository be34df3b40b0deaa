package orders

import (
	"sync"

	"github.com/google/uuid"
)

// startedMemory is how many of the latest sagas a process started with
// their orders it remembers: several seconds of orders at the highest
// rates, for half a megabyte.
const startedMemory = 1 << 14

// startedHere remembers the sagas this process started with their orders,
// the latest startedMemory of them, so that their OrderCreated, read back
// from the stream a few milliseconds later, is acknowledged without a
// lookup. It only ever holds sagas whose transaction committed; an id it
// has forgotten (another process placed the order, this one restarted, or
// the event was read late or twice) is looked up as before.
type startedHere struct {
	mu   sync.Mutex
	ids  map[uuid.UUID]struct{}
	ring []uuid.UUID
	next int
}

func newStartedHere(size int) *startedHere {
	return &startedHere{ids: make(map[uuid.UUID]struct{}, size), ring: make([]uuid.UUID, size)}
}

// add remembers ids, forgetting the oldest beyond the memory's size.
func (s *startedHere) add(ids []string) {
	if s == nil || len(ids) == 0 {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, id := range ids {
		u, err := uuid.Parse(id)
		if err != nil {
			continue
		}
		delete(s.ids, s.ring[s.next])
		s.ring[s.next] = u
		s.ids[u] = struct{}{}
		s.next = (s.next + 1) % len(s.ring)
	}
}

// take reports whether id is remembered, and forgets it: an event is read
// back once, and a second delivery is looked up.
func (s *startedHere) take(id string) bool {
	if s == nil {
		return false
	}
	u, err := uuid.Parse(id)
	if err != nil {
		return false
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	_, ok := s.ids[u]
	delete(s.ids, u)
	return ok
}
