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
		ID: in.ID, Type: def.Type, DefinitionVersion: def.EffectiveVersion(), State: StateRunning, Data: in.Data, Version: 1,
		CorrelationID: in.CorrelationID, TraceParent: in.TraceParent,
		CreatedAt: now, UpdatedAt: now, Steps: make([]StepRecord, len(def.Steps)),
	}
	for i, s := range def.Steps {
		inst.Steps[i] = StepRecord{Name: s.Name, Group: s.Group, State: StepPending}
	}
	t := e.begin(def, inst, now)
	t.record(HistoryEntry{Kind: HistoryStarted, MessageType: in.TriggerType, MessageID: in.TriggerID, Detail: "saga " + def.Type + " started"})
	t.starting = true
	if err := t.runStep(0); err != nil {
		return nil, Result{}, err
	}
	t.starting = false
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
	if reason := t.refused(idx, env); reason != "" {
		t.record(HistoryEntry{Kind: HistoryReplyRejected, Step: env.Step, MessageType: env.Type, MessageID: env.MessageID, Detail: reason})
		return t.res, nil
	}
	if err := t.applyReply(idx, env); err != nil {
		return Result{}, err
	}
	return t.finish(), nil
}

func (t *transition) applyReply(idx int, env Envelope) error {
	step := &t.def.Steps[idx]
	retryable := env.Error != nil && env.Error.Retryable
	switch {
	case retryable && env.Type == step.CompensatedReply:
		return t.compensationRetryable(idx, env.Error.Message)
	case retryable:
		return t.actionRetryable(idx, env.Error.Message)
	case env.Type == step.SuccessReply:
		t.inst.Steps[idx].keepResult(env.Data)
		return t.stepSucceeded(idx)
	case env.Type == step.FailureReply:
		return t.stepFailed(idx, failureReason(env))
	default:
		return t.stepCompensated(idx)
	}
}

// HandleTimeout acts on every step whose deadline has passed: it sends a
// scheduled retry, resends a command that got no reply (same message id),
// or, when the step's retry policy is spent, gives up on the step: an
// action is compensated (it may have run) with the rest of its group, a
// compensation leaves the saga FAILED for an operator. Each step of a
// parallel group has its own deadline and attempts.
func (e Engine) HandleTimeout(def *Definition, inst *Instance, now time.Time) (Result, error) {
	t := e.begin(def, inst, now.UTC())
	if inst.State.Terminal() {
		return t.res, nil
	}
	for idx := range inst.Steps {
		if inst.State.Terminal() {
			break // a compensation given up: the rest of its group waits for an operator
		}
		d := inst.Steps[idx].Deadline
		if d == nil || d.After(t.now) {
			continue
		}
		if err := t.stepDue(idx); err != nil {
			return Result{}, err
		}
	}
	return t.finish(), nil
}

// Resume is the operator's retry: a FAILED saga compensates again from the
// compensation that failed, and a saga stuck RUNNING or COMPENSATING sends
// its current command again at once, with a fresh retry budget; in a
// parallel group, every step still waiting gets its command again. A saga
// that ended COMPLETED or COMPENSATED cannot be resumed.
func (e Engine) Resume(def *Definition, inst *Instance, now time.Time, who string) (Result, error) {
	t := e.begin(def, inst, now.UTC())
	if inst.State == StateCompleted || inst.State == StateCompensated {
		return Result{}, fmt.Errorf("saga %s is %s: %w", inst.ID, inst.State, ErrNotResumable)
	}
	t.record(HistoryEntry{Kind: HistoryOperator, Detail: "retry requested by " + who + " in state " + string(inst.State)})
	if err := t.resume(); err != nil {
		return Result{}, err
	}
	return t.finish(), nil
}

// ErrNotResumable is returned by Resume for a saga that ended normally.
var ErrNotResumable = errors.New("saga cannot be resumed")

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

// finish marks the instance changed at the transition's time.
func (t *transition) finish() Result {
	if t.res.Changed {
		t.inst.UpdatedAt = t.now
	}
	return t.res
}

// ErrUnknownStep is the reason a reply naming no step of the saga is ignored.
var ErrUnknownStep = errors.New("reply names no step of this saga")
