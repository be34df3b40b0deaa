package sdk

import (
	"context"
	"errors"
	"fmt"

	"github.com/streamsaga/streamsaga/saga"
)

// handlerError is an error returned by a service's action or compensation
// function, as opposed to one of the SDK's own storage.
type handlerError struct {
	op  string
	err error
}

func (e *handlerError) Error() string { return e.op + ": " + e.err.Error() }
func (e *handlerError) Unwrap() error { return e.err }

// retryableFailure reports whether err, returned by a command's
// transaction, is a failure of the service's function to answer with a
// retryable reply, and the reason to give. A permanent error is not (it is
// dead-lettered), nor is an unavailable database (the transport holds the
// entry and tries it again when the database is back), nor is any error
// once ctx is done (the process is stopping; the entry is redelivered).
func retryableFailure(ctx context.Context, err error) (string, bool) {
	var he *handlerError
	if !errors.As(err, &he) || saga.IsPermanent(err) || saga.IsUnavailable(err) || ctx.Err() != nil {
		return "", false
	}
	return he.err.Error(), true
}

// retryTx records cmd in the inbox and answers it with a retryable reply,
// leaving the barrier as it was, so the next attempt (a new message id)
// runs the function again. If another delivery of cmd committed meanwhile,
// its reply is sent again instead.
func (p *Participant[T]) retryTx(ctx context.Context, tx T, cmd saga.Envelope, s step[T], reason string) (result, error) {
	first, err := tx.MarkProcessed(ctx, p.cfg.Name, cmd.MessageID)
	if err != nil {
		return result{}, fmt.Errorf("recording failed message in inbox: %w", err)
	}
	if !first {
		return p.duplicateTx(ctx, tx, cmd, s)
	}
	return p.reply(ctx, tx, cmd, result{reply: s.retry(cmd, reason)})
}

// IsRetryableReply reports whether env is a reply asking for its command to
// be sent again later, under a new message id: the participant's function
// failed and nothing took effect. Such a reply has the type of the action's
// failure or of the compensation's done reply, but is neither a business
// failure nor a completed compensation.
func IsRetryableReply(env saga.Envelope) bool {
	return env.Error != nil && env.Error.Retryable
}
