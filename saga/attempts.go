package saga

import (
	"fmt"
	"time"
)

// actionRetryable handles a retryable error from a step's action: another
// attempt after a backoff, or, with the policy spent, giving up on the step.
func (t *transition) actionRetryable(idx int, msg string) error {
	rec, policy := &t.inst.Steps[idx], t.def.Steps[idx].Retry.WithDefaults()
	rec.LastError, t.res.Changed = msg, true
	if rec.Attempts >= policy.MaxAttempts {
		return t.giveUpAction(idx, fmt.Sprintf("%s (after %d attempts)", msg, rec.Attempts))
	}
	return t.scheduleRetry(idx, policy.Backoff(rec.Attempts+1))
}

// compensationRetryable is actionRetryable for a compensation.
func (t *transition) compensationRetryable(idx int, msg string) error {
	rec, policy := &t.inst.Steps[idx], t.def.Steps[idx].Retry.WithDefaults()
	rec.LastError, t.res.Changed = msg, true
	if rec.CompensationAttempts >= policy.MaxAttempts {
		return t.giveUpCompensation(idx, fmt.Sprintf("%s (after %d attempts)", msg, rec.CompensationAttempts))
	}
	return t.scheduleRetry(idx, policy.Backoff(rec.CompensationAttempts+1))
}

func (t *transition) scheduleRetry(idx int, wait time.Duration) error {
	rec := &t.inst.Steps[idx]
	at := t.now.Add(wait)
	rec.Deadline, rec.RetryPending = &at, true
	t.record(HistoryEntry{Kind: HistoryRetry, Step: rec.Name,
		Detail: fmt.Sprintf("next attempt at %s: %s", at.Format("15:04:05.000"), rec.LastError)})
	return nil
}

// stepDue acts on a step whose deadline passed.
func (t *transition) stepDue(idx int) error {
	rec, policy := &t.inst.Steps[idx], t.def.Steps[idx].Retry.WithDefaults()
	switch {
	case rec.State == StepRunning && rec.RetryPending:
		return t.sendAction(idx, rec.Try+1)
	case rec.State == StepRunning && rec.Attempts < policy.MaxAttempts:
		t.record(HistoryEntry{Kind: HistoryTimeout, Step: rec.Name, MessageID: rec.CommandID, Detail: "no reply; sending again"})
		rec.Attempts++
		return t.send(idx, t.def.Steps[idx].Action, rec.CommandID, rec.Attempts, t.def.Steps[idx].ActionPayload)
	case rec.State == StepRunning:
		t.record(HistoryEntry{Kind: HistoryTimeout, Step: rec.Name, MessageID: rec.CommandID, Detail: "no reply; giving up"})
		return t.giveUpAction(idx, fmt.Sprintf("no reply after %d attempts", rec.Attempts))
	case rec.State == StepCompensating && rec.RetryPending:
		return t.sendCompensation(idx, rec.CompensationTry+1)
	case rec.State == StepCompensating && rec.CompensationAttempts < policy.MaxAttempts:
		t.record(HistoryEntry{Kind: HistoryTimeout, Step: rec.Name, MessageID: rec.CompensationID, Detail: "no reply; sending again"})
		rec.CompensationAttempts++
		return t.send(idx, t.def.Steps[idx].Compensation, rec.CompensationID, rec.CompensationAttempts, t.def.Steps[idx].CompensationPayload)
	case rec.State == StepCompensating:
		t.record(HistoryEntry{Kind: HistoryTimeout, Step: rec.Name, MessageID: rec.CompensationID, Detail: "no reply; giving up"})
		return t.giveUpCompensation(idx, fmt.Sprintf("no reply after %d attempts", rec.CompensationAttempts))
	}
	rec.Deadline, t.res.Changed = nil, true
	return nil
}

// resume restarts every step in flight with a fresh retry budget: one
// step, or the steps of a parallel group still waiting.
func (t *transition) resume() error {
	resumed := false
	for idx := range t.inst.Steps {
		switch t.inst.Steps[idx].State {
		case StepCompensating:
			if err := t.resumeCompensation(idx); err != nil {
				return err
			}
		case StepRunning:
			t.inst.Steps[idx].Attempts = 0
			if err := t.sendAction(idx, t.inst.Steps[idx].Try+1); err != nil {
				return err
			}
		default:
			continue
		}
		resumed = true
	}
	if !resumed {
		return fmt.Errorf("saga %s has no step in flight to resume", t.inst.ID)
	}
	return nil
}

// resumeCompensation sends step idx's compensation again; a FAILED saga
// compensates again.
func (t *transition) resumeCompensation(idx int) error {
	if t.inst.State == StateFailed {
		if err := t.moveSaga(EventResume); err != nil {
			return err
		}
	}
	rec := &t.inst.Steps[idx]
	rec.CompensationAttempts = 0
	return t.sendCompensation(idx, rec.CompensationTry+1)
}
