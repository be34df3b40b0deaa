package saga

// groupBounds returns the first and last index of the steps that run at
// once with step idx: its parallel group, or the step alone when it has no
// Group.
func (d *Definition) groupBounds(idx int) (first, last int) {
	first, last = idx, idx
	g := d.Steps[idx].Group
	if g == "" {
		return first, last
	}
	for first > 0 && d.Steps[first-1].Group == g {
		first--
	}
	for last+1 < len(d.Steps) && d.Steps[last+1].Group == g {
		last++
	}
	return first, last
}

// groupIn reports whether every step from first to last is in state.
func (t *transition) groupIn(first, last int, state StepState) bool {
	for j := first; j <= last; j++ {
		if t.inst.Steps[j].State != state {
			return false
		}
	}
	return true
}

// groupCompensating reports whether a step from first to last waits for
// the reply to its compensation.
func (t *transition) groupCompensating(first, last int) bool {
	for j := first; j <= last; j++ {
		if t.inst.Steps[j].State == StepCompensating {
			return true
		}
	}
	return false
}

// compensateGroup starts, together, the compensation of every step from
// first to last that succeeded and has one, and abandons every step still
// waiting for its action's reply.
func (t *transition) compensateGroup(first, last int) error {
	for j := first; j <= last; j++ {
		var err error
		switch rec := &t.inst.Steps[j]; {
		case rec.State == StepRunning:
			err = t.abandon(j)
		case rec.State == StepSucceeded && t.def.Steps[j].Compensation != "":
			err = t.startCompensation(j)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// abandon stops waiting for the reply to step idx's action: another step
// of its group failed. The action may have run, so a step with a
// compensation is compensated (the participant's barrier makes that safe
// whether or not the action arrives, and refuses it when it arrives late);
// a step without one needs no undoing and ends FAILED. A late reply to the
// action is ignored either way.
func (t *transition) abandon(idx int) error {
	rec, step := &t.inst.Steps[idx], &t.def.Steps[idx]
	rec.LastError = abandonedReason
	t.record(HistoryEntry{Kind: HistoryStepAbandoned, Step: step.Name, MessageID: rec.CommandID,
		Detail: abandonedDetail(step)})
	if step.Compensation == "" {
		return t.moveStep(idx, StepEventFail)
	}
	return t.startCompensation(idx)
}

// abandonedReason is the LastError of a step abandoned by its group.
const abandonedReason = "abandoned: its parallel group failed before it answered"

func abandonedDetail(step *Step) string {
	if step.Compensation == "" {
		return "its parallel group failed before it answered; it needs no undoing"
	}
	return "its parallel group failed before it answered; compensating it, as its action may have run"
}
