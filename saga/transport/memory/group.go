package memory

import (
	"slices"
	"time"

	"github.com/streamsaga/streamsaga/saga/transport"
)

// group is a consumer group of one stream.
type group struct {
	next    int                 // position of the first message never delivered
	pending map[string]*pending // delivered, not yet settled, by entry id
}

// pending is a message delivered to a group and not settled yet.
type pending struct {
	pos        int
	deliveries int64
	owner      *Subscription // nil when released for redelivery
	readyAt    time.Time     // when a released message may be delivered again
	uncounted  bool          // the next delivery does not count (held)
	lastErr    string
}

// ensureGroup creates a group that starts at the stream's first message.
func (t *Transport) ensureGroup(stream, name string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	s := t.stream(stream)
	if _, ok := s.groups[name]; !ok {
		s.groups[name] = &group{pending: map[string]*pending{}}
	}
}

// claim hands sub up to its batch size of messages: released ones that are
// ready first, then new ones. It dead-letters released messages that used
// up their deliveries. With nothing to hand over it returns how long until
// a released message is ready (zero: none is) and a channel closed when
// new messages arrive.
func (t *Transport) claim(sub *Subscription) ([]transport.Message, time.Duration, <-chan struct{}) {
	t.mu.Lock()
	defer t.mu.Unlock()
	s := t.stream(sub.cfg.Stream)
	g := s.groups[sub.cfg.Group]
	batch, wait := t.redeliver(sub, s, g)
	for len(batch) < sub.batchSize && g.next < len(s.entries) {
		e := s.entries[g.next]
		g.pending[e.id] = &pending{pos: g.next, deliveries: 1, owner: sub}
		batch = append(batch, message(sub.cfg.Stream, e, 1))
		g.next++
	}
	return batch, wait, t.wake
}

// redeliver takes over the released messages that are ready, oldest
// first. Callers hold t.mu.
func (t *Transport) redeliver(sub *Subscription, s *streamLog, g *group) ([]transport.Message, time.Duration) {
	now, wait := time.Now(), time.Duration(0)
	var batch []transport.Message
	for _, id := range releasedIDs(s, g) {
		p := g.pending[id]
		switch {
		case len(batch) == sub.batchSize:
			return batch, wait
		case p.readyAt.After(now):
			wait = minWait(wait, p.readyAt.Sub(now))
		case !p.uncounted && p.deliveries >= sub.cfg.MaxDeliveries:
			t.deadLetter(s, g, sub.cfg.Group, id, exhaustedReason(p))
		default:
			p.owner, p.deliveries = sub, p.deliveries+countIf(!p.uncounted)
			p.uncounted = false
			batch = append(batch, message(sub.cfg.Stream, s.entries[p.pos], p.deliveries))
		}
	}
	return batch, wait
}

// releasedIDs lists the group's released messages in stream order.
func releasedIDs(s *streamLog, g *group) []string {
	var ids []string
	for id, p := range g.pending {
		if p.owner == nil {
			ids = append(ids, id)
		}
	}
	slices.SortFunc(ids, func(a, b string) int { return s.index[a] - s.index[b] })
	return ids
}

func message(stream string, e entry, deliveries int64) transport.Message {
	return transport.Message{ID: e.id, Stream: stream, Fields: cloneFields(e.fields), Deliveries: deliveries}
}

func minWait(cur, d time.Duration) time.Duration {
	if cur == 0 || d < cur {
		return max(d, time.Nanosecond)
	}
	return cur
}

func countIf(b bool) int64 {
	if b {
		return 1
	}
	return 0
}
