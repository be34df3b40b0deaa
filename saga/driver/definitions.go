package driver

import "time"

// DefinitionRecord is a registered saga definition as stored: its
// canonical form (saga.Definition.Canonical) and that form's digest.
type DefinitionRecord struct {
	Type         string
	Version      int
	Canonical    string
	Digest       string
	RegisteredAt time.Time
}

// Park is a saga to set aside, and why.
type Park struct {
	SagaID string
	Reason string
}
