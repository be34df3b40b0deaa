package saga

import (
	"fmt"
	"time"
)

// transition is the working state of one engine call.
type transition struct {
	e    Engine
	def  *Definition
	inst *Instance
	now  time.Time
	res  Result
	// starting is true while Start builds the saga's first command: a
	// command that cannot be built then refuses the start.
	starting bool
}

func (e Engine) begin(def *Definition, inst *Instance, now time.Time) *transition {
	return &transition{e: e, def: def, inst: inst, now: now}
}

func (t *transition) record(h HistoryEntry) {
	h.At = t.now
	t.res.History = append(t.res.History, h)
}

// unexpected returns why a reply cannot be applied, or "" if it can.
func (t *transition) unexpected(idx int, env Envelope) string {
	if idx < 0 {
		return ErrUnknownStep.Error()
	}
	if t.inst.State.Terminal() {
		return "saga is already " + string(t.inst.State)
	}
	step, rec := &t.def.Steps[idx], &t.inst.Steps[idx]
	switch env.Type {
	case step.SuccessReply, step.FailureReply:
		if rec.State != StepRunning || t.inst.State != StateRunning {
			return fmt.Sprintf("step %s is %s, not waiting for %s", step.Name, rec.State, env.Type)
		}
		if env.CausationID != rec.CommandID {
			return fmt.Sprintf("reply answers %s, step %s waits for %s", env.CausationID, step.Name, rec.CommandID)
		}
	case step.CompensatedReply:
		if rec.State != StepCompensating {
			return fmt.Sprintf("step %s is %s, not compensating", step.Name, rec.State)
		}
		if env.CausationID != rec.CompensationID {
			return fmt.Sprintf("reply answers %s, compensation of %s is %s", env.CausationID, step.Name, rec.CompensationID)
		}
	default:
		return fmt.Sprintf("%s is not a reply type of step %s", env.Type, step.Name)
	}
	return ""
}

func (t *transition) send(idx int, msgType, id string, attempt int, payload PayloadFunc) error {
	step := &t.def.Steps[idx]
	data, err := buildPayload(payload, t.inst)
	if err != nil {
		pe := &PayloadError{SagaID: t.inst.ID, Step: step.Name, Command: msgType, Err: err}
		if IsPermanent(err) && !t.starting {
			return t.unbuildable(idx, pe)
		}
		return pe
	}
	deadline := t.now.Add(step.StepTimeout())
	rec := &t.inst.Steps[idx]
	rec.Deadline, rec.RetryPending = &deadline, false
	env := Envelope{
		MessageID: id, Type: msgType, SagaID: t.inst.ID, SagaType: t.inst.Type,
		Step: step.Name, Attempt: attempt, CorrelationID: t.inst.CorrelationID,
		ReplyTo: t.e.ReplyTo, TraceParent: ChildTraceParent(t.inst.TraceParent),
		Time: t.now, Data: data,
	}
	t.res.Messages = append(t.res.Messages, Outgoing{Stream: step.Participant, Envelope: env})
	t.record(HistoryEntry{Kind: HistoryCommandSent, Step: step.Name, MessageType: msgType, MessageID: id,
		Detail: fmt.Sprintf("attempt %d", attempt)})
	t.res.Changed = true
	return nil
}

func (t *transition) moveStep(idx int, event string) error {
	rec := &t.inst.Steps[idx]
	to, changed, err := NextStepState(rec.State, event)
	if err != nil {
		return fmt.Errorf("saga %s step %s: %w", t.inst.ID, rec.Name, err)
	}
	if changed {
		rec.State, t.res.Changed = to, true
		if to == StepSucceeded || to == StepFailed || to == StepCompensated {
			rec.FinishedAt, rec.Deadline, rec.RetryPending = &t.now, nil, false
		}
	}
	return nil
}

func (t *transition) moveSaga(event string) error {
	from := t.inst.State
	to, changed, err := NextState(from, event)
	if err != nil {
		return fmt.Errorf("saga %s: %w", t.inst.ID, err)
	}
	if !changed {
		return nil
	}
	t.inst.State, t.res.Changed = to, true
	t.inst.CompletedAt = nil
	if to.Terminal() {
		t.inst.CompletedAt = &t.now
		t.res.Finished = true
	}
	t.record(HistoryEntry{Kind: HistoryStateChanged, Detail: string(from) + " -> " + string(to)})
	return nil
}
