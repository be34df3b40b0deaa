package saga

import (
	"encoding/json"
	"errors"
	"fmt"
	"time"
)

// Step describes one step of a saga: which participant runs it, the command
// that does the work, the command that undoes it, and the replies that mean
// success, business failure and "undone".
type Step struct {
	Name string
	// Participant is the logical stream the step's commands are sent to,
	// for example "inventory.commands".
	Participant string
	// Action is the type of the command that does the work.
	Action string
	// Compensation is the type of the command that undoes it; empty when
	// the step needs no undoing.
	Compensation string
	// SuccessReply and FailureReply are the reply types to Action.
	SuccessReply string
	FailureReply string
	// CompensatedReply is the reply type to Compensation.
	CompensatedReply string
	// Retry governs resends of Action and Compensation.
	Retry RetryPolicy
	// Timeout is how long to wait for a reply before resending.
	// Optional: default 30s.
	Timeout time.Duration
	// ActionPayload builds Action's data. Optional: default the saga data.
	ActionPayload PayloadFunc
	// CompensationPayload builds Compensation's data.
	// Optional: default the saga data.
	CompensationPayload PayloadFunc
	// ActionTemplate and CompensationTemplate are the declarative forms
	// ActionPayload and CompensationPayload were built from (a definition
	// file's payload templates), as compact JSON. They are part of the
	// canonical form, so a changed template is a changed definition.
	// Optional: default none (a Go builder is not compared).
	ActionTemplate       json.RawMessage
	CompensationTemplate json.RawMessage
	// CheckReply compares what a reply claims with the command it answers
	// before the reply is applied. Optional: default every reply is
	// believed.
	CheckReply ReplyCheck
	// Group makes the step one of a parallel group: steps next to each
	// other with the same Group run at once, the group succeeds when all
	// of them succeed, and when one fails every step of the group that
	// succeeded or may have run is compensated before the earlier steps.
	// Optional: default a step of its own.
	Group string
}

// Definition is a saga type: a name and its steps, run in order and
// compensated in reverse order. Adjacent steps with the same Group run at
// once (see Step.Group).
type Definition struct {
	Type string
	// Version tells changed definitions of one type apart: a saga runs on
	// the version it started with. Optional: default 1.
	Version int
	Steps   []Step
	// HTTPStart allows POST /sagas to start sagas of this type.
	// Optional: default false (the type starts only from code).
	HTTPStart bool
	// ValidateInput checks the data of a saga started over HTTP; its error
	// is the reason of the refusal. Optional: default any JSON object.
	ValidateInput func(data json.RawMessage) error
	// Trigger starts sagas of this type from an event. Optional: default
	// sagas start from code and (with HTTPStart) over HTTP only.
	Trigger *Trigger
	// InputSchema is the JSON Schema ValidateInput checks against, when it
	// checks one, as compact JSON; part of the canonical form.
	// Optional: default none.
	InputSchema json.RawMessage
}

// EffectiveVersion is Version, or 1 when it is not set.
func (d *Definition) EffectiveVersion() int {
	if d.Version <= 0 {
		return 1
	}
	return d.Version
}

// Validate checks that the definition can run.
func (d *Definition) Validate() error {
	if d.Type == "" {
		return errors.New("saga definition has no type")
	}
	if d.Version < 0 {
		return fmt.Errorf("saga %s: negative version %d", d.Type, d.Version)
	}
	if d.Trigger != nil {
		if err := d.Trigger.validate(); err != nil {
			return fmt.Errorf("saga %s: %w", d.Type, err)
		}
	}
	if err := d.validateGroups(); err != nil {
		return err
	}
	seen := map[string]bool{}
	for i, s := range d.Steps {
		if err := s.validate(); err != nil {
			return fmt.Errorf("saga %s step %d: %w", d.Type, i, err)
		}
		if seen[s.Name] {
			return fmt.Errorf("saga %s: step name %q used twice", d.Type, s.Name)
		}
		seen[s.Name] = true
	}
	return nil
}

func (s *Step) validate() error {
	switch {
	case s.Name == "":
		return errors.New("step has no name")
	case s.Participant == "":
		return fmt.Errorf("step %s has no participant", s.Name)
	case s.Action == "" || s.SuccessReply == "" || s.FailureReply == "":
		return fmt.Errorf("step %s needs an action and its success and failure replies", s.Name)
	case s.Compensation != "" && s.CompensatedReply == "":
		return fmt.Errorf("step %s has a compensation but no compensated reply", s.Name)
	case s.Timeout < 0:
		return fmt.Errorf("step %s has a negative timeout", s.Name)
	}
	return nil
}

// StepIndex returns the index of the named step, or -1.
func (d *Definition) StepIndex(name string) int {
	for i := range d.Steps {
		if d.Steps[i].Name == name {
			return i
		}
	}
	return -1
}

// StepTimeout returns the step's timeout or its default.
func (s *Step) StepTimeout() time.Duration {
	if s.Timeout <= 0 {
		return 30 * time.Second
	}
	return s.Timeout
}

// validateGroups refuses a parallel group whose steps do not stand next to
// each other.
func (d *Definition) validateGroups() error {
	closed := map[string]bool{}
	for i, s := range d.Steps {
		if s.Group == "" {
			continue
		}
		if closed[s.Group] {
			return fmt.Errorf("saga %s step %d (%s): parallel group %q must be one run of adjacent steps",
				d.Type, i, s.Name, s.Group)
		}
		if i+1 == len(d.Steps) || d.Steps[i+1].Group != s.Group {
			closed[s.Group] = true
		}
	}
	return nil
}
