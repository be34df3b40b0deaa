package saga

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
)

// DefinitionSpec is the structure of a definition, without its Go
// functions: what is stored to recognise a changed definition and what
// GET /saga-types shows.
type DefinitionSpec struct {
	Type    string     `json:"type"`
	Version int        `json:"version"`
	Steps   []StepSpec `json:"steps"`
	// Trigger is the event that starts the type's sagas; absent when none.
	Trigger *TriggerSpec `json:"trigger,omitempty"`
	// InputSchema is Definition.InputSchema; absent without one.
	InputSchema json.RawMessage `json:"input_schema,omitempty"`
}

// StepSpec is the structure of one step.
type StepSpec struct {
	Name         string            `json:"name"`
	Participant  string            `json:"participant"`
	Action       ActionSpec        `json:"action"`
	Compensation *CompensationSpec `json:"compensation,omitempty"`
	Timeout      string            `json:"timeout"`
	Retry        RetrySpec         `json:"retry"`
	// Group is the step's parallel group; absent for a step of its own.
	Group string `json:"group,omitempty"`
}

// ActionSpec names a step's command and the replies to it.
type ActionSpec struct {
	Command string `json:"command"`
	Success string `json:"success"`
	Failure string `json:"failure"`
	// Payload is Step.ActionTemplate; absent without one.
	Payload json.RawMessage `json:"payload,omitempty"`
}

// CompensationSpec names the command that undoes a step and its reply.
type CompensationSpec struct {
	Command string `json:"command"`
	Done    string `json:"done"`
	// Payload is Step.CompensationTemplate; absent without one.
	Payload json.RawMessage `json:"payload,omitempty"`
}

// RetrySpec is a retry policy with its defaults applied.
type RetrySpec struct {
	MaxAttempts int     `json:"max_attempts"`
	Backoff     string  `json:"backoff"`
	MaxBackoff  string  `json:"max_backoff"`
	Multiplier  float64 `json:"multiplier"`
	Jitter      float64 `json:"jitter"`
}

// Spec returns the definition's structure, defaults applied.
func (d *Definition) Spec() DefinitionSpec {
	out := DefinitionSpec{Type: d.Type, Version: d.EffectiveVersion(), Steps: make([]StepSpec, len(d.Steps)),
		InputSchema: d.InputSchema}
	for i := range d.Steps {
		out.Steps[i] = d.Steps[i].spec()
	}
	if d.Trigger != nil {
		out.Trigger = &TriggerSpec{Stream: d.Trigger.Stream, Event: d.Trigger.Event, Data: d.Trigger.DataTemplate}
	}
	return out
}

func (s *Step) spec() StepSpec {
	p := s.Retry.WithDefaults()
	out := StepSpec{Name: s.Name, Participant: s.Participant, Timeout: s.StepTimeout().String(),
		Action: ActionSpec{Command: s.Action, Success: s.SuccessReply, Failure: s.FailureReply, Payload: s.ActionTemplate},
		Retry: RetrySpec{MaxAttempts: p.MaxAttempts, Backoff: p.InitialBackoff.String(),
			MaxBackoff: p.MaxBackoff.String(), Multiplier: p.Multiplier, Jitter: p.Jitter}}
	out.Group = s.Group
	if s.Compensation != "" {
		out.Compensation = &CompensationSpec{Command: s.Compensation, Done: s.CompensatedReply, Payload: s.CompensationTemplate}
	}
	return out
}

// Canonical is the definition's structure as deterministic JSON: type,
// version and each step's name, participant, commands, replies, timeout
// and retry policy, and the payload templates and input schema of a
// declarative definition.
func (d *Definition) Canonical() ([]byte, error) {
	b, err := json.Marshal(d.Spec())
	if err != nil {
		return nil, fmt.Errorf("encoding saga definition %s: %w", d.Type, err)
	}
	return b, nil
}

// Digest is the hex SHA-256 of a canonical form.
func Digest(canonical []byte) string {
	sum := sha256.Sum256(canonical)
	return hex.EncodeToString(sum[:])
}
