package sdk

import (
	"fmt"
)

// Step is a participant's part in one step of a saga: the action and the
// compensation that undoes it, with their replies. Every field but DoMany
// is required.
type Step[T Tx] struct {
	// Action is the action command; Succeeded and Failed answer it, Do runs it.
	Action    Command
	Succeeded Reply
	Failed    Reply
	Do        ActionFunc[T]
	// DoMany, if set, runs the action for a read whose commands are all
	// this action, each for another saga step: one call for the commands
	// that need the action to run (not duplicates, not refused), where Do
	// would be called once for each. Optional: without it Do runs them.
	DoMany BatchActionFunc[T]
	// Compensation is the compensation command; Compensated answers it,
	// Undo runs it.
	Compensation Command
	Compensated  Reply
	Undo         CompensationFunc[T]
}

// OnStep registers the action and the compensation of s.
func (p *Participant[T]) OnStep(s Step[T]) error {
	if err := p.onAction(s.Action, action[T]{fn: s.Do, many: s.DoMany, success: s.Succeeded, failure: s.Failed}); err != nil {
		return err
	}
	return p.OnCompensation(s.Compensation, s.Compensated, s.Undo)
}

// NewWithSteps returns a participant over store with steps registered.
func NewWithSteps[T Tx](store Store[T], cfg Config, steps ...Step[T]) (*Participant[T], error) {
	p, err := New(store, cfg)
	if err != nil {
		return nil, fmt.Errorf("creating %s participant: %w", cfg.Name, err)
	}
	for _, s := range steps {
		if err := p.OnStep(s); err != nil {
			return nil, fmt.Errorf("creating %s participant: %w", cfg.Name, err)
		}
	}
	return p, nil
}
