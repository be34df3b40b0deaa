package runner

import (
	"context"

	"github.com/streamsaga/streamsaga/saga/driver"
)

// commitHooksKey holds a transaction's *commitHooks in its context.
type commitHooksKey struct{}

// commitHooks are what to run once a transaction commits.
type commitHooks struct{ fns []func() }

// trackingStore runs the commit hooks of its transactions.
type trackingStore struct{ driver.Store }

// TrackCommits returns st whose transactions report the runner's Metrics,
// and the deadlines they wrote to its timer, when they commit. The runner
// tracks its own Store; code that calls Start or StartMany in
// transactions of its own (the orders.events handler) should open them on
// a tracked store, or what they did is reported at once, before they
// commit (a timer look may then miss such a deadline, which the next full
// look finds).
func TrackCommits(st driver.Store) driver.Store {
	if _, ok := st.(trackingStore); ok {
		return st
	}
	return trackingStore{st}
}

// InTx runs fn in a transaction and, once it committed, the hooks of fn's
// last attempt; a transaction inside another hands its hooks to the outer
// one.
func (s trackingStore) InTx(ctx context.Context, fn func(ctx context.Context, tx driver.Tx) error) error {
	parent, _ := ctx.Value(commitHooksKey{}).(*commitHooks)
	hooks := &commitHooks{}
	err := s.Store.InTx(context.WithValue(ctx, commitHooksKey{}, hooks), func(ctx context.Context, tx driver.Tx) error {
		hooks.fns = nil // a retried attempt starts afresh
		return fn(ctx, tx)
	})
	if err != nil {
		return err
	}
	if parent != nil {
		parent.fns = append(parent.fns, hooks.fns...)
		return nil
	}
	for _, f := range hooks.fns {
		f()
	}
	return nil
}

// afterCommit runs fn once the transaction of ctx commits, or at once when
// ctx is not in a transaction of a tracked driver.
func afterCommit(ctx context.Context, fn func()) {
	if !onCommit(ctx, fn) {
		fn()
	}
}

// onCommit runs fn once the transaction of ctx commits, and never when ctx
// is not in a transaction of a tracked driver (whose commit the runner
// would not hear of); it reports which.
func onCommit(ctx context.Context, fn func()) bool {
	hooks, ok := ctx.Value(commitHooksKey{}).(*commitHooks)
	if ok {
		hooks.fns = append(hooks.fns, fn)
	}
	return ok
}
