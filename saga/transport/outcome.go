package transport

import (
	"context"
	"fmt"

	"github.com/streamsaga/streamsaga/saga"
)

// Outcome is what a transport does with a message after its handler
// returned.
type Outcome int

// Outcomes of a handler's answer for one message.
const (
	// OutcomeAck: the effect is committed; acknowledge the message.
	OutcomeAck Outcome = iota
	// OutcomeDeadLetter: the error is permanent; dead-letter the message now.
	OutcomeDeadLetter
	// OutcomeHold: a back end is unavailable; hand the message over again
	// later without counting a delivery.
	OutcomeHold
	// OutcomeRetry: deliver the message again later.
	OutcomeRetry
)

// Classify maps a handler's answer for one message to its Outcome.
func Classify(err error) Outcome {
	switch {
	case err == nil:
		return OutcomeAck
	case saga.IsPermanent(err):
		return OutcomeDeadLetter
	case saga.IsUnavailable(err):
		return OutcomeHold
	default:
		return OutcomeRetry
	}
}

// Call runs h and returns exactly one outcome per message: a panic, or a
// result of the wrong length, becomes the same ordinary error for each, so
// a poison message ends as a dead letter instead of a crash loop.
func Call(ctx context.Context, h BatchHandler, msgs []Message) (errs []error) {
	defer func() {
		if r := recover(); r != nil {
			errs = sameError(fmt.Errorf("handler panicked: %v", r), len(msgs))
		}
	}()
	errs = h(ctx, msgs)
	if len(errs) != len(msgs) {
		return sameError(fmt.Errorf("batch handler returned %d outcomes for %d messages", len(errs), len(msgs)), len(msgs))
	}
	return errs
}

func sameError(err error, n int) []error {
	errs := make([]error, n)
	for i := range errs {
		errs[i] = err
	}
	return errs
}
