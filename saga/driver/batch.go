package driver

import (
	"context"

	"github.com/streamsaga/streamsaga/saga"
	"github.com/streamsaga/streamsaga/saga/transport"
)

// Batch runs the items of one stream read in one transaction: a commit per
// read instead of a commit per message. If that transaction fails for any
// reason but an unreachable database, each item is run again on its own, so
// one bad message costs its batch a retry but never its outcome.
type Batch[T any] struct {
	Store Store
	// Decode turns an entry into an item; skip reports an entry to
	// acknowledge without effect. Its errors are the entry's outcome.
	Decode func(msg transport.Message) (item T, skip bool, err error)
	// Apply runs all items inside the transaction.
	Apply func(ctx context.Context, tx Tx, items []T) error
	// Alone runs one item in a transaction of its own (with any retries).
	Alone func(ctx context.Context, item T) error
}

// Handle is a transport.BatchHandler.
func (b Batch[T]) Handle(ctx context.Context, msgs []transport.Message) []error {
	out := make([]error, len(msgs))
	var items []T
	var at []int
	for i, m := range msgs {
		item, skip, err := b.Decode(m)
		if err != nil || skip {
			out[i] = err
			continue
		}
		items, at = append(items, item), append(at, i)
	}
	if len(items) == 0 {
		return out
	}
	err := b.Store.InTx(ctx, func(ctx context.Context, tx Tx) error {
		return b.Apply(ctx, tx, items)
	})
	for k, item := range items {
		switch {
		case err == nil:
		case saga.IsUnavailable(err):
			out[at[k]] = err
		default:
			out[at[k]] = b.Alone(ctx, item)
		}
	}
	return out
}
