package memory

import (
	"fmt"
	"maps"
	"time"

	"github.com/streamsaga/streamsaga/saga/transport"
)

// settle acts on a handler call's outcomes for the messages sub still
// owns; one that was taken over meanwhile is left to its new owner.
func (t *Transport) settle(sub *Subscription, msgs []transport.Message, errs []error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	s := t.stream(sub.cfg.Stream)
	g := s.groups[sub.cfg.Group]
	for i, m := range msgs {
		p := g.pending[m.ID]
		if p == nil || p.owner != sub {
			continue
		}
		switch err := errs[i]; transport.Classify(err) {
		case transport.OutcomeAck:
			delete(g.pending, m.ID)
		case transport.OutcomeDeadLetter:
			t.deadLetter(s, g, sub.cfg.Group, m.ID, "permanent error: "+err.Error())
		case transport.OutcomeHold:
			t.release(p, true)
		default:
			p.lastErr = err.Error()
			t.release(p, false)
		}
	}
}

// release makes a pending message ready for redelivery after RetryDelay.
func (t *Transport) release(p *pending, uncounted bool) {
	p.owner, p.uncounted = nil, uncounted
	p.readyAt = time.Now().Add(t.cfg.RetryDelay)
}

// abandon releases every message sub holds, as if its process died.
func (t *Transport) abandon(sub *Subscription) {
	t.mu.Lock()
	defer t.mu.Unlock()
	for _, p := range t.stream(sub.cfg.Stream).groups[sub.cfg.Group].pending {
		if p.owner == sub {
			t.release(p, false)
		}
	}
	t.notify()
}

// deadLetter moves a pending message of g to the stream's dead letters.
// Callers hold t.mu.
func (t *Transport) deadLetter(s *streamLog, g *group, groupName, id, reason string) {
	p := g.pending[id]
	delete(g.pending, id)
	t.seq++
	s.dead = append(s.dead, transport.DeadLetter{
		ID: "dl-" + formatID(t.seq), Stream: s.name, SourceID: id, Group: groupName,
		Reason: reason, Deliveries: p.deliveries, At: time.Now().UTC(),
		Fields: cloneFields(s.entries[p.pos].fields), Meta: map[string]string{},
	})
}

func exhaustedReason(p *pending) string {
	return fmt.Sprintf("delivered %d times; last error: %s", p.deliveries, p.lastErr)
}

func cloneFields(fields map[string]string) map[string]string { return maps.Clone(fields) }
