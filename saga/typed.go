package saga

import "time"

// Typed is a saga type whose data is the Go type D: its payload builders
// and its validation see a D, never raw JSON. Definition turns it into the
// *Definition the engine runs; the engine itself stays untyped.
type Typed[D any] struct {
	Type string
	// Version as in Definition. Optional: default 1.
	Version int
	// HTTPStart allows POST /sagas to start sagas of this type.
	// Optional: default false.
	HTTPStart bool
	// Trigger starts sagas of this type from an event (Definition.Trigger).
	// Optional.
	Trigger *Trigger
	// Validate checks the data of a saga started over HTTP, after it was
	// decoded strictly into a D (no unknown fields, no wrong types). Fields
	// missing from the data keep their zero value: Validate refuses them.
	// Optional: default every D is accepted.
	Validate func(D) error
	Steps    []TypedStep[D]
}

// TypedStep is a Step whose payload builders read the saga's data as a D.
// Its routing fields mean what they mean in Step.
type TypedStep[D any] struct {
	Name             string
	Participant      string
	Action           string
	SuccessReply     string
	FailureReply     string
	Compensation     string
	CompensatedReply string
	Retry            RetryPolicy
	Timeout          time.Duration
	CheckReply       ReplyCheck
	// Group as in Step: adjacent steps with the same Group run at once.
	// Optional: default a step of its own.
	Group string
	// Payload builds Action's data. Optional: default the saga data.
	Payload func(in Input[D]) (any, error)
	// CompensationPayload builds Compensation's data.
	// Optional: default the saga data.
	CompensationPayload func(in Input[D]) (any, error)
}

// Definition returns the untyped definition the engine runs: each payload
// builder decodes the saga's data into a D before it is called (leniently:
// fields a D lacks are ignored, so sagas started before D changed still
// run), and ValidateInput decodes strictly, then runs Validate. NewRegistry
// validates the result like any definition.
func (t Typed[D]) Definition() *Definition {
	d := &Definition{Type: t.Type, Version: t.Version, HTTPStart: t.HTTPStart, Trigger: t.Trigger,
		ValidateInput: validateInput(t.Validate), Steps: make([]Step, len(t.Steps))}
	for i, s := range t.Steps {
		d.Steps[i] = s.step(t.Type)
	}
	return d
}

func (s TypedStep[D]) step(sagaType string) Step {
	return Step{
		Name: s.Name, Participant: s.Participant, Action: s.Action,
		SuccessReply: s.SuccessReply, FailureReply: s.FailureReply,
		Compensation: s.Compensation, CompensatedReply: s.CompensatedReply,
		Retry: s.Retry, Timeout: s.Timeout, CheckReply: s.CheckReply, Group: s.Group,
		ActionPayload:       typedPayload(sagaType, s.Payload),
		CompensationPayload: typedPayload(sagaType, s.CompensationPayload),
	}
}
