package stream

import (
	"slices"
	"sort"
)

// Known returns streams and the engine's own (OrchestratorReply and
// Outbox), sorted, each once, without empty names: the logical streams of
// an installation whose dead letters are served and counted. An
// installation passes the participant streams of its registered saga types
// (saga.Registry.ParticipantStreams) and any stream of its own application,
// such as the order saga's event stream.
func Known(streams ...string) []string {
	out := append([]string{OrchestratorReply, Outbox}, streams...)
	out = slices.DeleteFunc(out, func(s string) bool { return s == "" })
	sort.Strings(out)
	return slices.Compact(out)
}
