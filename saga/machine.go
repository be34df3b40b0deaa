package saga

import (
	"context"

	"github.com/looplab/fsm"
)

// Saga events.
const (
	EventComplete    = "complete"    // RUNNING -> COMPLETED
	EventFail        = "fail"        // RUNNING -> COMPENSATING
	EventCompensated = "compensated" // COMPENSATING -> COMPENSATED
	EventGiveUp      = "give_up"     // COMPENSATING -> FAILED
	EventResume      = "resume"      // FAILED -> COMPENSATING
)

// Step events.
const (
	StepEventStart       = "start"       // PENDING -> RUNNING
	StepEventSucceed     = "succeed"     // RUNNING -> SUCCEEDED
	StepEventFail        = "fail"        // RUNNING -> FAILED
	StepEventCompensate  = "compensate"  // SUCCEEDED|RUNNING -> COMPENSATING
	StepEventCompensated = "compensated" // COMPENSATING -> COMPENSATED
)

var sagaEvents = fsm.Events{
	{Name: EventComplete, Src: []string{string(StateRunning)}, Dst: string(StateCompleted)},
	{Name: EventFail, Src: []string{string(StateRunning)}, Dst: string(StateCompensating)},
	{Name: EventCompensated, Src: []string{string(StateCompensating)}, Dst: string(StateCompensated)},
	{Name: EventGiveUp, Src: []string{string(StateCompensating)}, Dst: string(StateFailed)},
	{Name: EventResume, Src: []string{string(StateFailed)}, Dst: string(StateCompensating)},
}

var stepEvents = fsm.Events{
	{Name: StepEventStart, Src: []string{string(StepPending)}, Dst: string(StepRunning)},
	{Name: StepEventSucceed, Src: []string{string(StepRunning)}, Dst: string(StepSucceeded)},
	{Name: StepEventFail, Src: []string{string(StepRunning)}, Dst: string(StepFailed)},
	{Name: StepEventCompensate, Src: []string{string(StepSucceeded), string(StepRunning)}, Dst: string(StepCompensating)},
	{Name: StepEventCompensated, Src: []string{string(StepCompensating)}, Dst: string(StepCompensated)},
}

// NextState applies a saga event to a state. It returns the new state and
// whether it changed. Repeating an event whose destination is the current
// state is a no-op (changed is false); any other event the state does not
// accept is an *IllegalTransitionError.
func NextState(from State, event string) (State, bool, error) {
	if !from.Valid() {
		return from, false, &IllegalTransitionError{Machine: "saga", Event: event, From: string(from)}
	}
	to, changed, err := fire("saga", sagaEvents, string(from), event)
	return State(to), changed, err
}

// NextStepState applies a step event to a step state, with the same rules as
// NextState.
func NextStepState(from StepState, event string) (StepState, bool, error) {
	if !from.Valid() {
		return from, false, &IllegalTransitionError{Machine: "step", Event: event, From: string(from)}
	}
	to, changed, err := fire("step", stepEvents, string(from), event)
	return StepState(to), changed, err
}

func fire(machine string, events fsm.Events, from, event string) (string, bool, error) {
	m := fsm.NewFSM(from, events, nil)
	err := m.Event(context.Background(), event)
	if err == nil {
		return m.Current(), true, nil
	}
	if isRepeat(events, from, event) {
		return from, false, nil
	}
	return from, false, &IllegalTransitionError{Machine: machine, Event: event, From: from}
}

// isRepeat reports whether event would lead to from, i.e. it already happened.
func isRepeat(events fsm.Events, from, event string) bool {
	for _, e := range events {
		if e.Name == event && e.Dst == from {
			return true
		}
	}
	return false
}
