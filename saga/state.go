package saga

import "fmt"

// State is the state of a saga instance.
type State string

// Saga states. COMPLETED, COMPENSATED and FAILED are terminal.
const (
	StateRunning      State = "RUNNING"
	StateCompensating State = "COMPENSATING"
	StateCompleted    State = "COMPLETED"
	StateCompensated  State = "COMPENSATED"
	StateFailed       State = "FAILED"
)

// States lists every saga state.
var States = []State{StateRunning, StateCompensating, StateCompleted, StateCompensated, StateFailed}

// Valid reports whether s is a known saga state.
func (s State) Valid() bool {
	for _, k := range States {
		if s == k {
			return true
		}
	}
	return false
}

// Terminal reports whether no further event moves the saga on its own.
// FAILED is terminal but an operator may resume it.
func (s State) Terminal() bool {
	return s == StateCompleted || s == StateCompensated || s == StateFailed
}

// ParseState validates a state read from storage or from a request.
func ParseState(s string) (State, error) {
	st := State(s)
	if !st.Valid() {
		return "", fmt.Errorf("unknown saga state %q", s)
	}
	return st, nil
}

// StepState is the state of one step of a saga instance.
type StepState string

// Step states.
const (
	StepPending      StepState = "PENDING"
	StepRunning      StepState = "RUNNING"
	StepSucceeded    StepState = "SUCCEEDED"
	StepFailed       StepState = "FAILED"
	StepCompensating StepState = "COMPENSATING"
	StepCompensated  StepState = "COMPENSATED"
)

// StepStates lists every step state.
var StepStates = []StepState{StepPending, StepRunning, StepSucceeded, StepFailed, StepCompensating, StepCompensated}

// Valid reports whether s is a known step state.
func (s StepState) Valid() bool {
	for _, k := range StepStates {
		if s == k {
			return true
		}
	}
	return false
}
