package sdk

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/streamsaga/streamsaga/saga"
)

// RefusedReason is the error message of the failure reply to an action that
// arrives after its step was compensated.
const RefusedReason = "refused: step was compensated before its action arrived"

// ReplayedRetryReason is the error message of the retryable reply sent again
// for a duplicate of a command whose function returned an error: the barrier
// keeps no trace of that error, only that the step is still to be done.
const ReplayedRetryReason = "an earlier delivery of this command failed; send it again"

// Outcome is the business result of an action: success with reply data, or
// a failure with a reason the saga compensates on.
type Outcome struct {
	// Data is marshalled to JSON as the reply's data. Optional.
	Data any
	// Failure, when not empty, makes the outcome a business failure and is
	// the reply's error message.
	Failure string
}

// Succeed is a successful outcome answered with data.
func Succeed(data any) Outcome { return Outcome{Data: data} }

// Fail is a business failure answered with reason.
func Fail(reason string) Outcome { return Outcome{Failure: reason} }

// Decide is Fail(failure) when failure is not empty, else Succeed(data):
// the usual end of an action over a store that reports a failure reason.
func Decide(failure string, data any) Outcome {
	if failure != "" {
		return Fail(failure)
	}
	return Succeed(data)
}

// Failed reports whether the outcome is a business failure.
func (o Outcome) Failed() bool { return o.Failure != "" }

// ActionFunc does the work of an action command inside tx. It returns an
// Outcome for success or business failure, and an error only when the
// command cannot be handled now (rolled back and answered with a retryable
// failure reply) or ever (wrap it with saga.Permanent: dead-lettered).
type ActionFunc[T Tx] func(ctx context.Context, tx T, cmd saga.Envelope) (Outcome, error)

// BatchActionFunc does the work of an action for several commands at once,
// for different saga steps, inside tx: typically a few set-based statements
// where ActionFunc would run a few per command. It returns one Outcome per
// command, in order, and must give each the Outcome the action's
// ActionFunc would give it if they ran one after the other in that order.
// An error rolls back the whole read's transaction; its commands are then
// handled one by one with the ActionFunc, which decides what each gets.
type BatchActionFunc[T Tx] func(ctx context.Context, tx T, cmds []saga.Envelope) ([]Outcome, error)

// CompensationFunc undoes a succeeded action inside tx. It completes at most
// once per saga step, and is called only when the action succeeded. An error
// rolls it back and is answered with a retryable done reply.
type CompensationFunc[T Tx] func(ctx context.Context, tx T, cmd saga.Envelope) error

// answer is a reply before it is put in an envelope.
type answer struct {
	Type      string
	Data      []byte
	Error     string
	Retryable bool
}

func outcomeAnswer(o Outcome, success, failure Reply) (answer, error) {
	a := answer{Type: string(success)}
	if o.Failed() {
		a = answer{Type: string(failure), Error: o.Failure}
	}
	if o.Data == nil {
		return a, nil
	}
	b, err := json.Marshal(o.Data)
	if err != nil {
		return answer{}, fmt.Errorf("encoding reply data: %w", err)
	}
	a.Data = b
	return a, nil
}
