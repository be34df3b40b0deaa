package ui

import (
	"strings"
	"time"

	"github.com/streamsaga/streamsaga/saga"
)

// entry is one line of a saga's timeline.
type entry struct {
	N  int
	At time.Time
	// Kind is the stored kind; Label says what happened in words and
	// Tone colours the line (action, compensation, failure, operator,
	// event or info).
	Kind, Label, Tone                    string
	Step, MessageType, MessageID, Detail string
}

// timeline describes every history entry in order. What a command or a
// reply was for follows from the saga's state at the time, which the
// state_changed lines record: a command sent while the saga compensates is
// a compensation.
func timeline(hs []saga.HistoryEntry) []entry {
	phase := saga.StateRunning
	started := map[string]bool{}
	out := make([]entry, len(hs))
	for i, h := range hs {
		e := entry{N: i + 1, At: h.At, Kind: h.Kind, Step: h.Step, MessageType: h.MessageType,
			MessageID: h.MessageID, Detail: cut(h.Detail, MaxDetailBytes)}
		e.Label, e.Tone = describe(h, phase, started)
		out[i] = e
		if h.Kind == saga.HistoryStateChanged {
			if _, to, ok := strings.Cut(h.Detail, " -> "); ok {
				phase = saga.State(to)
			}
		}
	}
	return out
}

// describe labels one entry, given the saga's state when it was written
// and the steps whose action was sent before.
func describe(h saga.HistoryEntry, phase saga.State, started map[string]bool) (label, tone string) {
	compensating := phase == saga.StateCompensating
	switch h.Kind {
	case saga.HistoryStarted:
		return "saga started", "info"
	case saga.HistoryCommandSent:
		return describeCommand(h, compensating, started)
	case saga.HistoryReply:
		return describeReply(h, compensating)
	case saga.HistoryReplyIgnored:
		return "reply ignored", "muted"
	case saga.HistoryStateChanged:
		return "state changed", stateTone(h.Detail)
	case saga.HistoryTimeout:
		return "timeout", "warning"
	case saga.HistoryRetry:
		return "retry scheduled", "warning"
	case saga.HistoryOperator:
		return "operator action", "operator"
	case saga.HistoryEventEmitted:
		return "event emitted", "event"
	case saga.HistoryStepAbandoned:
		return "step abandoned", "warning"
	case saga.HistoryPayloadFailed:
		return "command not built", "failure"
	}
	return strings.ReplaceAll(h.Kind, "_", " "), "info"
}

func describeCommand(h saga.HistoryEntry, compensating bool, started map[string]bool) (label, tone string) {
	switch {
	case compensating:
		return "compensation sent", "compensation"
	case !started[h.Step]:
		started[h.Step] = true
		return "step started", "action"
	}
	return "command sent", "action"
}

// describeReply labels a reply: one with an error is a failure (the
// engine records the error as the detail), others answer the action or,
// while the saga compensates, the compensation.
func describeReply(h saga.HistoryEntry, compensating bool) (label, tone string) {
	switch {
	case h.Detail != "":
		return "failure reply", "failure"
	case compensating:
		return "compensation reply", "compensation"
	}
	return "reply received", "action"
}

// stateTone colours a state change: failing (RUNNING -> COMPENSATING) and
// giving up (-> FAILED) are failures; the rest, resuming included, are not.
func stateTone(detail string) string {
	failing := string(saga.StateRunning) + " -> " + string(saga.StateCompensating)
	if detail == failing || strings.HasSuffix(detail, "-> "+string(saga.StateFailed)) {
		return "failure"
	}
	return "info"
}
