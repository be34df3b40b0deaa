package runner

import (
	"time"

	"github.com/streamsaga/streamsaga/saga"
)

// Metrics hears what the runner did, once the transaction that did it
// committed: a transaction rolled back or retried after a conflict reports
// nothing. saga/metrics.Sagas implements it; Config.Metrics nil turns it
// off.
type Metrics interface {
	// SagaStarted reports a saga created.
	SagaStarted(sagaType string)
	// SagaFinished reports a saga that reached a terminal state, took after
	// its start.
	SagaFinished(sagaType string, state saga.State, took time.Duration)
	// StepFinished reports the outcome of a step's action (Outcome*), took
	// after the step's first command.
	StepFinished(sagaType, step, outcome string, took time.Duration)
	// StepRetried reports a retry scheduled after a retryable error.
	StepRetried(sagaType, step string)
	// StepTimedOut reports a step deadline that passed with no reply.
	StepTimedOut(sagaType, step string)
	// SagaParked reports a saga set aside because the running code does
	// not know its definition version or its steps do not match it.
	SagaParked(sagaType string)
}

// Outcomes of a step's action, for Metrics.StepFinished.
const (
	// OutcomeSucceeded: the participant answered with the success reply.
	OutcomeSucceeded = "succeeded"
	// OutcomeFailed: the participant refused (the failure reply); the
	// action took no effect.
	OutcomeFailed = "failed"
	// OutcomeGaveUp: the step's attempts were spent on retryable errors or
	// timeouts.
	OutcomeGaveUp = "gave_up"
	// OutcomeAbandoned: another step of its parallel group failed while it
	// waited for its reply (see saga.HistoryStepAbandoned).
	OutcomeAbandoned = "abandoned"
)

// sagaEnd, stepEnd and stepEvent are what observed records.
type (
	sagaEnd struct {
		sagaType string
		state    saga.State
		took     time.Duration
	}
	stepEnd struct {
		sagaType, step, outcome string
		took                    time.Duration
	}
	stepEvent struct{ sagaType, step, kind string }
)

// observed gathers what one batch did for Metrics. Its methods do nothing
// on a nil *observed, which is what a runner without Metrics has.
type observed struct {
	started  []string
	finished []sagaEnd
	steps    []stepEnd
	events   []stepEvent
	parked   []string
}

// park records a saga parked.
func (o *observed) park(sagaType string) {
	if o != nil {
		o.parked = append(o.parked, sagaType)
	}
}

// start records a saga created.
func (o *observed) start(inst *saga.Instance) {
	if o != nil {
		o.started = append(o.started, inst.Type)
	}
}

// result records what an engine call did to inst: retries and timeouts
// from its history, and the saga's end.
func (o *observed) result(inst *saga.Instance, res saga.Result) {
	if o == nil {
		return
	}
	for _, h := range res.History {
		if h.Kind == saga.HistoryRetry || h.Kind == saga.HistoryTimeout {
			o.events = append(o.events, stepEvent{inst.Type, h.Step, h.Kind})
		}
	}
	if res.Finished && inst.CompletedAt != nil {
		o.finished = append(o.finished, sagaEnd{inst.Type, inst.State, inst.CompletedAt.Sub(inst.CreatedAt)})
	}
}

// snapshot is the states of inst's steps before an engine call; nil
// without Metrics.
func (o *observed) snapshot(inst *saga.Instance) []saga.StepState {
	if o == nil {
		return nil
	}
	states := make([]saga.StepState, len(inst.Steps))
	for i, s := range inst.Steps {
		states[i] = s.State
	}
	return states
}

// stepsEnded records the actions an engine call at now ended, comparing
// inst's steps with their states before it; res is what the call returned.
// reply is the reply the call applied, nil for a timer. The steps of a
// parallel group may end in one call.
func (o *observed) stepsEnded(def *saga.Definition, inst *saga.Instance, before []saga.StepState, reply *saga.Envelope,
	res saga.Result, now time.Time) {
	if o == nil {
		return
	}
	abandoned := abandonedSteps(res)
	for i, rec := range inst.Steps {
		outcome := stepOutcome(before[i], rec.State, refusal(def.Steps[i], reply))
		if outcome != "" && abandoned[rec.Name] {
			outcome = OutcomeAbandoned
		}
		if outcome != "" && rec.StartedAt != nil {
			o.steps = append(o.steps, stepEnd{inst.Type, rec.Name, outcome, now.Sub(*rec.StartedAt)})
		}
	}
}

// stepOutcome names how a step's action ended when its state went from
// before to after, or "" when it did not end. A step given up moves on to
// its compensation, or fails when it has none.
func stepOutcome(before, after saga.StepState, refused bool) string {
	if before != saga.StepRunning {
		return ""
	}
	switch {
	case after == saga.StepSucceeded:
		return OutcomeSucceeded
	case after == saga.StepFailed && refused:
		return OutcomeFailed
	case after == saga.StepFailed || after == saga.StepCompensating:
		return OutcomeGaveUp
	}
	return ""
}

// abandonedSteps names the steps res abandoned.
func abandonedSteps(res saga.Result) map[string]bool {
	out := map[string]bool{}
	for _, h := range res.History {
		if h.Kind == saga.HistoryStepAbandoned {
			out[h.Step] = true
		}
	}
	return out
}

// refusal reports whether reply is step's failure reply: a business "no",
// not a retryable error.
func refusal(step saga.Step, reply *saga.Envelope) bool {
	return reply != nil && reply.Step == step.Name && reply.Type == step.FailureReply &&
		(reply.Error == nil || !reply.Error.Retryable)
}

// report tells m everything o gathered.
func (o *observed) report(m Metrics) {
	for _, t := range o.started {
		m.SagaStarted(t)
	}
	for _, s := range o.steps {
		m.StepFinished(s.sagaType, s.step, s.outcome, s.took)
	}
	for _, e := range o.events {
		if e.kind == saga.HistoryRetry {
			m.StepRetried(e.sagaType, e.step)
		} else {
			m.StepTimedOut(e.sagaType, e.step)
		}
	}
	for _, f := range o.finished {
		m.SagaFinished(f.sagaType, f.state, f.took)
	}
	for _, t := range o.parked {
		m.SagaParked(t)
	}
}

// empty reports whether there is nothing to report.
func (o *observed) empty() bool {
	return o == nil || len(o.started)+len(o.finished)+len(o.steps)+len(o.events)+len(o.parked) == 0
}
