package saga

import "fmt"

// runStep starts step idx, with the other steps of its parallel group:
// the first attempt of each one's action, sent together. Past the last
// step the saga is complete.
func (t *transition) runStep(idx int) error {
	if idx >= len(t.def.Steps) {
		return t.moveSaga(EventComplete)
	}
	_, last := t.def.groupBounds(idx)
	for j := idx; j <= last; j++ {
		if err := t.moveStep(j, StepEventStart); err != nil {
			return err
		}
		t.inst.Steps[j].StartedAt = &t.now
		if err := t.sendAction(j, 1); err != nil {
			return err
		}
	}
	return nil
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

// stepSucceeded moves on once every step of idx's group succeeded.
func (t *transition) stepSucceeded(idx int) error {
	if err := t.moveStep(idx, StepEventSucceed); err != nil {
		return err
	}
	first, last := t.def.groupBounds(idx)
	if !t.groupIn(first, last, StepSucceeded) {
		return nil
	}
	return t.runStep(last + 1)
}

// stepFailed handles a business failure: the action took no effect, so the
// step itself needs no undoing; the other steps of its group and the steps
// before it do.
func (t *transition) stepFailed(idx int, reason string) error {
	t.inst.Steps[idx].LastError = reason
	if err := t.moveStep(idx, StepEventFail); err != nil {
		return err
	}
	t.inst.Failure = reason
	if err := t.moveSaga(EventFail); err != nil {
		return err
	}
	return t.compensateFrom(idx)
}

func (t *transition) stepCompensated(idx int) error {
	if err := t.moveStep(idx, StepEventCompensated); err != nil {
		return err
	}
	return t.compensateFrom(idx)
}

// compensateFrom walks back from the group of step idx (a step alone is a
// group of one) to the first group with something to undo and compensates
// all of it at once (see compensateGroup); it stops at a group whose
// compensations are in flight. With nothing left to undo the saga is
// compensated.
func (t *transition) compensateFrom(idx int) error {
	for idx >= 0 {
		first, last := t.def.groupBounds(idx)
		if err := t.compensateGroup(first, last); err != nil {
			return err
		}
		if t.groupCompensating(first, last) {
			return nil
		}
		idx = first - 1
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
// may have run, so it is compensated too, together with the other steps of
// its group; the participant's barrier makes that safe whether or not the
// action ever arrived.
func (t *transition) giveUpAction(idx int, reason string) error {
	rec, step := &t.inst.Steps[idx], &t.def.Steps[idx]
	rec.LastError = reason
	t.inst.Failure = fmt.Sprintf("step %s: %s", step.Name, reason)
	if err := t.moveSaga(EventFail); err != nil {
		return err
	}
	var err error
	if step.Compensation == "" {
		err = t.moveStep(idx, StepEventFail)
	} else {
		err = t.startCompensation(idx)
	}
	if err != nil {
		return err
	}
	return t.compensateFrom(idx)
}

// giveUpCompensation leaves the saga FAILED: a compensation could not be
// completed and an operator must look. Other compensations of its group
// still in flight stay COMPENSATING: their replies are ignored from now
// on, and the operator's Resume sends them again with this one.
func (t *transition) giveUpCompensation(idx int, reason string) error {
	rec := &t.inst.Steps[idx]
	rec.LastError, rec.Deadline, rec.RetryPending = reason, nil, false
	t.inst.Failure = fmt.Sprintf("compensation of %s: %s", rec.Name, reason)
	return t.moveSaga(EventGiveUp)
}
