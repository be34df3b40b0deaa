package saga

// MisplacedReply tells whether env, ignored by its saga, is a reply type of
// its step that answers the other phase than the one the step is in: the
// action's success or failure reply while the step is compensated, or the
// compensation's reply while its action runs. expected is the reply type
// the step waits for. A participant that sends the action's failure type to
// ask for a compensation to be retried gets this: the retryable answer to a
// compensation is its compensated reply type with error.retryable set. A
// late answer to the action of a step given up or abandoned by its
// parallel group is not misplaced: it is expected, and ignored.
func (d *Definition) MisplacedReply(inst *Instance, env Envelope) (expected string, misplaced bool) {
	idx := d.StepIndex(env.Step)
	if idx < 0 || idx >= len(inst.Steps) || inst.State.Terminal() {
		return "", false
	}
	step := &d.Steps[idx]
	action := env.Type == step.SuccessReply || env.Type == step.FailureReply
	switch rec := &inst.Steps[idx]; rec.State {
	case StepCompensating:
		late := answersAction(inst.ID, rec, env)
		return step.CompensatedReply, action && env.Type != step.CompensatedReply && !late
	case StepRunning:
		return step.SuccessReply + " or " + step.FailureReply, env.Type == step.CompensatedReply && !action
	}
	return "", false
}

// answersAction reports whether env answers one of the tries of rec's
// action.
func answersAction(sagaID string, rec *StepRecord, env Envelope) bool {
	for try := 1; try <= rec.Try; try++ {
		if env.CausationID == CommandID(sagaID, rec.Name, "action", try) {
			return true
		}
	}
	return false
}
