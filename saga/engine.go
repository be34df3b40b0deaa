package saga

import (
	"encoding/json"
	"errors"
	"fmt"
	"time"
)

// Outgoing is a message to publish on a logical stream.
type Outgoing struct {
	Stream   string
	Envelope Envelope
}

// Result is what one engine call decided: messages to publish, lines for the
// history (always to be saved), and whether the instance itself changed.
type Result struct {
	Messages []Outgoing
	History  []HistoryEntry
	Changed  bool
	// Finished is true when the saga reached a terminal state in this call.
	Finished bool
}

// StartInput is what a new saga starts from.
type StartInput struct {
	ID            string
	CorrelationID string
	TraceParent   string
	Data          json.RawMessage
	Now           time.Time
	// TriggerID and TriggerType name the message that started the saga,
	// for the history.
	TriggerID   string
	TriggerType string
}

// Engine turns messages into state changes and commands. It does no I/O;
// the runner persists what it returns in one transaction.
type Engine struct {
	// ReplyTo is the logical stream participants reply to.
	ReplyTo string
}

// Start creates a saga instance and the first command.
func (e Engine) Start(def *Definition, in StartInput) (*Instance, Result, error) {
	if !ValidID(in.ID) {
		return nil, Result{}, fmt.Errorf("starting saga: id %q is not a UUID", in.ID)
	}
	now := in.Now.UTC()
	inst := &Instance{
		ID: in.ID, Type: def.Type, State: StateRunning, Data: in.Data, Version: 1,
		CorrelationID: in.CorrelationID, TraceParent: in.TraceParent,
		CreatedAt: now, UpdatedAt: now, Steps: make([]StepRecord, len(def.Steps)),
	}
	for i, s := range def.Steps {
		inst.Steps[i] = StepRecord{Name: s.Name, State: StepPending}
	}
	t := e.begin(def, inst, now)
	t.record(HistoryEntry{Kind: HistoryStarted, MessageType: in.TriggerType, MessageID: in.TriggerID, Detail: "saga " + def.Type + " started"})
	if err := t.runStep(0); err != nil {
		return nil, Result{}, err
	}
	t.res.Changed = true
	return inst, t.res, nil
}

// HandleReply applies a participant's reply to the instance. A reply the
// saga does not expect (duplicate, late, out of order, for a finished saga)
// changes no state: it is only recorded in the history.
func (e Engine) HandleReply(def *Definition, inst *Instance, env Envelope, now time.Time) (Result, error) {
	t := e.begin(def, inst, now.UTC())
	t.record(HistoryEntry{Kind: HistoryReply, Step: env.Step, MessageType: env.Type, MessageID: env.MessageID, Detail: replyDetail(env)})
	idx := def.StepIndex(env.Step)
	if reason := t.unexpected(idx, env); reason != "" {
		t.record(HistoryEntry{Kind: HistoryReplyIgnored, Step: env.Step, MessageType: env.Type, MessageID: env.MessageID, Detail: reason})
		return t.res, nil
	}
	var err error
	switch env.Type {
	case def.Steps[idx].SuccessReply:
		err = t.stepSucceeded(idx)
	case def.Steps[idx].FailureReply:
		err = t.stepFailed(idx, failureReason(env))
	case def.Steps[idx].CompensatedReply:
		err = t.stepCompensated(idx)
	}
	if err != nil {
		return Result{}, err
	}
	t.res.Changed = true
	inst.UpdatedAt = t.now
	return t.res, nil
}

func replyDetail(env Envelope) string {
	if env.Error != nil {
		return env.Error.Message
	}
	return ""
}

func failureReason(env Envelope) string {
	if env.Error != nil && env.Error.Message != "" {
		return env.Error.Message
	}
	return env.Type
}

// ErrUnknownStep is the reason a reply naming no step of the saga is ignored.
var ErrUnknownStep = errors.New("reply names no step of this saga")
