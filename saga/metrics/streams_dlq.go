package metrics

import (
	"slices"

	"github.com/streamsaga/streamsaga/saga/stream"
)

// WithDeadLetters adds streams whose dead letters are counted although the
// service reads none of them, such as the participant streams of every
// registered saga type. It returns s for chaining after NewStreams; call it
// before s is registered.
func (s *Streams) WithDeadLetters(streams ...string) *Streams {
	s.dlqStreams = withOutbox(append(slices.Clone(s.dlqStreams), streams...))
	return s
}

// dlqStreamsOf are the streams of groups and the outbox's, sorted, each
// once.
func dlqStreamsOf(groups []StreamGroup) []string {
	names := make([]string, 0, len(groups)+1)
	for _, g := range groups {
		names = append(names, g.Stream)
	}
	return withOutbox(names)
}

// withOutbox is names and stream.Outbox, sorted, each once, without empty
// names.
func withOutbox(names []string) []string {
	names = slices.DeleteFunc(append(names, stream.Outbox), func(s string) bool { return s == "" })
	slices.Sort(names)
	return slices.Compact(names)
}
