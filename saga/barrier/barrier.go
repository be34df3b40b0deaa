package barrier

import "context"

// Action is what became of a step's action at a participant.
type Action string

// Action outcomes.
const (
	ActionNone      Action = "NONE"
	ActionSucceeded Action = "SUCCEEDED"
	ActionFailed    Action = "FAILED"
)

// Record is the barrier row of one step of one saga.
type Record struct {
	SagaID      string
	Step        string
	Action      Action
	Compensated bool
	// ReplyType, ReplyData and ReplyError are the answer given to the
	// action, sent again if the action is repeated.
	ReplyType  string
	ReplyData  []byte
	ReplyError string
}

// Store keeps barrier records inside the caller's transaction.
type Store interface {
	// LockBarrier returns the record of (sagaID, step), an empty one with
	// ActionNone if there is none yet, and holds it locked until the
	// transaction ends so concurrent commands for that step serialise.
	LockBarrier(ctx context.Context, sagaID, step string) (Record, error)
	// SaveBarrier writes the record.
	SaveBarrier(ctx context.Context, r Record) error
}
