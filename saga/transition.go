package saga

import (
	"encoding/json"
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

func (t *transition) stepSucceeded(idx int) error {
	if err := t.moveStep(idx, StepEventSucceed); err != nil {
		return err
	}
	if idx+1 < len(t.def.Steps) {
		return t.runStep(idx + 1)
	}
	return t.moveSaga(EventComplete)
}

func (t *transition) stepFailed(idx int, reason string) error {
	t.inst.Steps[idx].LastError = reason
	if err := t.moveStep(idx, StepEventFail); err != nil {
		return err
	}
	t.inst.Failure = reason
	if err := t.moveSaga(EventFail); err != nil {
		return err
	}
	return t.compensateFrom(idx - 1)
}

func (t *transition) stepCompensated(idx int) error {
	if err := t.moveStep(idx, StepEventCompensated); err != nil {
		return err
	}
	return t.compensateFrom(idx - 1)
}

// runStep starts step idx: first attempt of its action.
func (t *transition) runStep(idx int) error {
	if idx >= len(t.def.Steps) {
		return t.moveSaga(EventComplete)
	}
	if err := t.moveStep(idx, StepEventStart); err != nil {
		return err
	}
	rec, step := &t.inst.Steps[idx], &t.def.Steps[idx]
	rec.Attempts = 1
	rec.CommandID = CommandID(t.inst.ID, step.Name, "action", 1)
	rec.StartedAt = &t.now
	return t.send(idx, step.Action, rec.CommandID, 1, step.ActionPayload)
}

// compensateFrom walks back from step idx and sends the compensation of the
// first succeeded step that has one. With none left the saga is compensated.
func (t *transition) compensateFrom(idx int) error {
	for j := idx; j >= 0; j-- {
		rec, step := &t.inst.Steps[j], &t.def.Steps[j]
		if rec.State != StepSucceeded || step.Compensation == "" {
			continue
		}
		if err := t.moveStep(j, StepEventCompensate); err != nil {
			return err
		}
		rec.CompensationAttempts = 1
		rec.CompensationID = CommandID(t.inst.ID, step.Name, "compensation", 1)
		return t.send(j, step.Compensation, rec.CompensationID, 1, step.CompensationPayload)
	}
	return t.moveSaga(EventCompensated)
}

func (t *transition) send(idx int, msgType, id string, attempt int, payload PayloadFunc) error {
	step := &t.def.Steps[idx]
	data, err := buildPayload(payload, t.inst.Data)
	if err != nil {
		return fmt.Errorf("saga %s step %s: building %s: %w", t.inst.ID, step.Name, msgType, err)
	}
	deadline := t.now.Add(step.StepTimeout())
	t.inst.Steps[idx].Deadline = &deadline
	env := Envelope{
		MessageID: id, Type: msgType, SagaID: t.inst.ID, SagaType: t.inst.Type,
		Step: step.Name, Attempt: attempt, CorrelationID: t.inst.CorrelationID,
		ReplyTo: t.e.ReplyTo, TraceParent: ChildTraceParent(t.inst.TraceParent),
		Time: t.now, Data: data,
	}
	t.res.Messages = append(t.res.Messages, Outgoing{Stream: step.Participant, Envelope: env})
	t.record(HistoryEntry{Kind: HistoryCommandSent, Step: step.Name, MessageType: msgType, MessageID: id})
	return nil
}

func buildPayload(f PayloadFunc, data json.RawMessage) (json.RawMessage, error) {
	if f == nil {
		return data, nil
	}
	v, err := f(data)
	if err != nil {
		return nil, err
	}
	return json.Marshal(v)
}

func (t *transition) moveStep(idx int, event string) error {
	rec := &t.inst.Steps[idx]
	to, changed, err := NextStepState(rec.State, event)
	if err != nil {
		return fmt.Errorf("saga %s step %s: %w", t.inst.ID, rec.Name, err)
	}
	if changed {
		rec.State = to
		if to == StepSucceeded || to == StepFailed || to == StepCompensated {
			rec.FinishedAt = &t.now
			rec.Deadline = nil
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
	t.inst.State, t.inst.UpdatedAt = to, t.now
	if to.Terminal() {
		t.inst.CompletedAt = &t.now
		t.res.Finished = true
	}
	t.record(HistoryEntry{Kind: HistoryStateChanged, Detail: string(from) + " -> " + string(to)})
	return nil
}
