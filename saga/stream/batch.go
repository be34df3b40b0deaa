package stream

import (
	"context"
	"errors"

	"github.com/redis/go-redis/v9"
)

// BatchHandler handles the entries of one read, or of one page of entries
// claimed from idle consumers: at most Count entries, in stream order. It
// returns one outcome per entry, at the entry's index, with the meaning a
// Handler's error has: nil only when the entry's effect is committed (the
// consumer acknowledges it), an error that saga.IsPermanent recognises
// dead-letters it, one that saga.IsUnavailable recognises holds it and calls
// the handler again with only the held entries, and any other error leaves
// it pending for redelivery.
//
// A result whose length differs from len(msgs) is a bug in the handler:
// every entry of the call is then left pending, as after a failure, and so
// is every entry of a call that panics. The handler must not keep msgs
// after it returns.
type BatchHandler func(ctx context.Context, msgs []Message) []error

// NewBatchConsumer is NewConsumer for a BatchHandler: each read or claimed
// page is handed to bh whole, the entries it handled are acknowledged with
// one XACK, and those it rejects permanently are dead-lettered in one MULTI.
// The XACK of what a read brought travels with the next read, in one
// pipeline (one round trip and one wake-up for both), when the client's
// ReadTimeout leaves a pipeline at least a second more than Block (it does
// by default); entries claimed from idle consumers, those handled after an
// outage and those handled before a stop are acknowledged at once.
func NewBatchConsumer(rdb redis.UniversalClient, keys Keys, cfg ConsumerConfig, bh BatchHandler) (*Consumer, error) {
	if bh == nil {
		return nil, errors.New("stream consumer: nil batch handler")
	}
	return newConsumer(rdb, keys, cfg, bh, 0)
}

// perEntry adapts a Handler to a BatchHandler. A Consumer built by
// NewConsumer hands it batches of one entry, so each entry is settled
// before the next one is handled.
func perEntry(h Handler) BatchHandler {
	return func(ctx context.Context, msgs []Message) []error {
		errs := make([]error, len(msgs))
		for i, m := range msgs {
			errs[i] = h(ctx, m)
		}
		return errs
	}
}
