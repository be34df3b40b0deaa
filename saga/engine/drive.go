package engine

import (
	"context"

	"github.com/streamsaga/streamsaga/saga/transport"
)

// FireDue fires up to limit step timers that are due now, as the engine's
// timer loop does, and returns how many fired: for tests and tools that
// drive an engine which is not started. It always asks the database,
// where the loop's passes ask only when a deadline is due that the engine
// wrote, or once a second.
func (e *Engine) FireDue(ctx context.Context, limit int) (int, error) {
	return e.run.FireDue(ctx, limit)
}

// HandleReplies applies participants' replies as the engine's consumer of
// the reply stream does, with one outcome per message: for tests and tools
// that drive an engine which is not started.
func (e *Engine) HandleReplies(ctx context.Context, msgs []transport.Message) []error {
	return e.run.HandleReplies(ctx, msgs)
}
