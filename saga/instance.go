package saga

import (
	"encoding/json"
	"fmt"
	"time"
)

// Instance is one running or finished saga.
type Instance struct {
	ID   string
	Type string
	// DefinitionVersion is the version of the definition the saga started
	// on; it runs on that version to its end.
	DefinitionVersion int
	State             State
	Data              json.RawMessage
	Steps             []StepRecord
	Version           int64
	CorrelationID     string
	TraceParent       string
	// Failure is the reason the saga compensated or failed.
	Failure     string
	CreatedAt   time.Time
	UpdatedAt   time.Time
	CompletedAt *time.Time
	// Parked, when not empty, is why the saga was set aside: its
	// definition version is unknown or its steps do not match it. No timer
	// claims a parked saga.
	Parked string
}

// StepRecord is the progress of one step of an instance.
type StepRecord struct {
	Name string `json:"name"`
	// Group is the step's parallel group (Step.Group), for those who read
	// the saga without its definition; empty for a step of its own.
	Group                string     `json:"group,omitempty"`
	State                StepState  `json:"state"`
	Attempts             int        `json:"attempts"`
	Try                  int        `json:"try,omitempty"`
	CommandID            string     `json:"command_id,omitempty"`
	CompensationAttempts int        `json:"compensation_attempts,omitempty"`
	CompensationTry      int        `json:"compensation_try,omitempty"`
	CompensationID       string     `json:"compensation_id,omitempty"`
	RetryPending         bool       `json:"retry_pending,omitempty"`
	LastError            string     `json:"last_error,omitempty"`
	StartedAt            *time.Time `json:"started_at,omitempty"`
	FinishedAt           *time.Time `json:"finished_at,omitempty"`
	Deadline             *time.Time `json:"deadline,omitempty"`
	// Result is the data of the step's success reply, for later steps'
	// and compensations' payloads; nil until the step succeeded.
	Result json.RawMessage `json:"result,omitempty"`
}

// NextDeadline is the earliest deadline of a step in flight: when the saga
// next needs attention if no reply comes. Nil for a finished saga.
func (in *Instance) NextDeadline() *time.Time {
	if in.State.Terminal() {
		return nil
	}
	var next *time.Time
	for i := range in.Steps {
		d := in.Steps[i].Deadline
		if d != nil && (next == nil || d.Before(*next)) {
			next = d
		}
	}
	return next
}

// Validate checks an instance restored from storage against its definition:
// known states, and exactly the definition's steps in order, in their
// parallel groups.
func (in *Instance) Validate(def *Definition) error {
	if !in.State.Valid() {
		return fmt.Errorf("saga %s: stored state %q is not a saga state", in.ID, in.State)
	}
	if in.Type != def.Type {
		return fmt.Errorf("saga %s: type %q does not match definition %q", in.ID, in.Type, def.Type)
	}
	if len(in.Steps) != len(def.Steps) {
		return fmt.Errorf("saga %s: %d stored steps, definition has %d", in.ID, len(in.Steps), len(def.Steps))
	}
	for i, s := range in.Steps {
		if s.Name != def.Steps[i].Name {
			return fmt.Errorf("saga %s: stored step %d is %q, definition says %q", in.ID, i, s.Name, def.Steps[i].Name)
		}
		if s.Group != def.Steps[i].Group {
			return fmt.Errorf("saga %s: stored step %s is in group %q, definition says %q", in.ID, s.Name, s.Group, def.Steps[i].Group)
		}
		if !s.State.Valid() {
			return fmt.Errorf("saga %s: step %s has unknown state %q", in.ID, s.Name, s.State)
		}
	}
	return nil
}

// History kinds.
const (
	HistoryStarted      = "saga_started"
	HistoryCommandSent  = "command_sent"
	HistoryReply        = "reply_received"
	HistoryReplyIgnored = "reply_ignored"
	// HistoryReplyRejected records a reply its step's CheckReply refused.
	HistoryReplyRejected = "reply_rejected"
	HistoryStateChanged  = "state_changed"
	HistoryTimeout       = "timeout"
	HistoryRetry         = "retry_scheduled"
	HistoryOperator      = "operator_action"
	HistoryEventEmitted  = "event_emitted"
	// HistoryStepAbandoned records a step of a parallel group that was
	// still waiting for its action's reply when another step of the group
	// failed: it is compensated (or, without a compensation, FAILED) and a
	// late reply to its action is ignored.
	HistoryStepAbandoned = "step_abandoned"
	// HistoryParked records a saga set aside, with the reason.
	HistoryParked = "parked"
	// HistoryUnparked records a parked saga taken up again.
	HistoryUnparked = "unparked"
	// HistoryPayloadFailed records a command whose data could not be
	// built for good, with the reason: its step fails without retries.
	HistoryPayloadFailed = "payload_failed"
)

// HistoryEntry is one line of a saga's event log.
type HistoryEntry struct {
	At          time.Time `json:"at"`
	Kind        string    `json:"kind"`
	Step        string    `json:"step,omitempty"`
	MessageType string    `json:"message_type,omitempty"`
	MessageID   string    `json:"message_id,omitempty"`
	Detail      string    `json:"detail,omitempty"`
	// Seq is the line's position in the stored history, set when it is
	// read back (for paging); 0 for a line not stored yet.
	Seq int64 `json:"-"`
}
