package saga

import "fmt"

// runStep starts step idx: first attempt of its action.
func (t *transition) runStep(idx int) error {
	if idx >= len(t.def.Steps) {
		return t.moveSaga(EventComplete)
	}
	if err := t.moveStep(idx, StepEventStart); err != nil {
		return err
	}
	t.inst.Steps[idx].StartedAt = &t.now
	return t.sendAction(idx, 1)
}

// sendAction sends try number try of the step's action, as a new attempt.
func (t *transition) sendAction(idx, try int) error {
	rec, step := &t.inst.Steps[idx], &t.def.Steps[idx]
	rec.Try = try
	rec.Attempts++
	rec.CommandID = CommandID(t.inst.ID, step.Name, "action", try)
	return t.send(idx, step.Action, rec.CommandID, rec.Attempts, step.ActionPayload)
}

// sendCompensation sends try number try of the step's compensation.
func (t *transition) sendCompensation(idx, try int) error {
	rec, step := &t.inst.Steps[idx], &t.def.Steps[idx]
	rec.CompensationTry = try
	rec.CompensationAttempts++
	rec.CompensationID = CommandID(t.inst.ID, step.Name, "compensation", try)
	return t.send(idx, step.Compensation, rec.CompensationID, rec.CompensationAttempts, step.CompensationPayload)
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

// stepFailed handles a business failure: the action took no effect, so the
// step itself needs no undoing; the steps before it do.
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

// compensateFrom walks back from step idx and compensates the first
// succeeded step that has a compensation. With none left the saga is
// compensated.
func (t *transition) compensateFrom(idx int) error {
	for j := idx; j >= 0; j-- {
		if t.inst.Steps[j].State == StepSucceeded && t.def.Steps[j].Compensation != "" {
			return t.startCompensation(j)
		}
	}
	return t.moveSaga(EventCompensated)
}

func (t *transition) startCompensation(idx int) error {
	if err := t.moveStep(idx, StepEventCompensate); err != nil {
		return err
	}
	t.inst.Steps[idx].CompensationAttempts = 0
	return t.sendCompensation(idx, t.inst.Steps[idx].CompensationTry+1)
}

// giveUpAction fails a step whose action got no usable answer. Its action
// may have run, so it is compensated too; the participant's barrier makes
// that safe whether or not the action ever arrived.
func (t *transition) giveUpAction(idx int, reason string) error {
	rec, step := &t.inst.Steps[idx], &t.def.Steps[idx]
	rec.LastError = reason
	t.inst.Failure = fmt.Sprintf("step %s: %s", step.Name, reason)
	if err := t.moveSaga(EventFail); err != nil {
		return err
	}
	if step.Compensation == "" {
		if err := t.moveStep(idx, StepEventFail); err != nil {
			return err
		}
		return t.compensateFrom(idx - 1)
	}
	return t.startCompensation(idx)
}

// giveUpCompensation leaves the saga FAILED: a compensation could not be
// completed and an operator must look.
func (t *transition) giveUpCompensation(idx int, reason string) error {
	rec := &t.inst.Steps[idx]
	rec.LastError, rec.Deadline, rec.RetryPending = reason, nil, false
	t.inst.Failure = fmt.Sprintf("compensation of %s: %s", rec.Name, reason)
	return t.moveSaga(EventGiveUp)
}
