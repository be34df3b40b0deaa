package memory

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/streamsaga/streamsaga/saga/transport"
)

// Backlogs returns, for each group of each stream, the messages not
// handed to it yet; a stream is one part.
func (t *Transport) Backlogs(ctx context.Context, streams ...string) ([]transport.Backlog, error) {
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("reading the backlogs of %s: %w", strings.Join(streams, ", "), err)
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	var out []transport.Backlog
	for _, name := range streams {
		if s, ok := t.streams[name]; ok {
			out = append(out, s.backlogs()...)
		}
	}
	return out, nil
}

// backlogs are the backlogs of s's groups, by group name. Callers hold
// t.mu.
func (s *streamLog) backlogs() []transport.Backlog {
	out := make([]transport.Backlog, 0, len(s.groups))
	for name, g := range s.groups {
		b := transport.Backlog{Stream: s.name, Group: name, Position: strconv.Itoa(g.next), Waiting: int64(len(s.entries) - g.next)}
		if b.Waiting > 0 {
			b.OldestWaitingSince = s.entries[g.next].at
		}
		out = append(out, b)
	}
	slices.SortFunc(out, func(a, b transport.Backlog) int { return strings.Compare(a.Group, b.Group) })
	return out
}
