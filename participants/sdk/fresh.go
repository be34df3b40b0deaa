package sdk

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/streamsaga/streamsaga/saga"
	"github.com/streamsaga/streamsaga/saga/barrier"
	"github.com/streamsaga/streamsaga/saga/optimistic"
)

// freshStarter is a transaction that records commands in its inbox and
// creates their barrier records on the condition that every one of them is
// new, checked with its next round trip (pg.Messaging and
// sqlite.Messaging are). A failed check fails that round trip, or the
// commit, with saga.ErrConflict.
type freshStarter interface {
	MarkFresh(ctx context.Context, consumer string, ids []string) error
	barrier.FreshCreator
}

// freshWindow is how many fresh tries freshness judges at a time,
// freshPause how long it tries none after a window in which more than a
// quarter failed, freshRecent how many saga steps it remembers.
const (
	freshWindow = optimistic.Window
	freshPause  = optimistic.Pause
	freshRecent = 1 << 12
)

// freshness decides whether a read's commands are handled as first
// deliveries of actions nothing has happened to yet. Their inbox rows and
// barrier records are then written on that condition instead of read,
// and the service's first statement travels with them: a round trip less
// per read. A command seen before, or a step that has a record (one
// compensated before its action came, say), fails the check; the
// transaction is rolled back and runs again reading the inbox and the
// barrier, as it always did, and the service's function runs again there.
//
// So that few tries fail, freshness remembers the saga steps of the last
// commands the participant handled, and a read naming one of them is not
// tried fresh: a duplicate, a retried step or a compensation that came
// first. Redeliveries after a crash come to a participant that remembers
// nothing, so after a window of tries of which more than a quarter failed,
// nothing is tried for freshPause.
type freshness struct {
	mu     sync.Mutex
	judge  optimistic.Judge
	recent map[barrier.Key]bool
	ring   []barrier.Key
	next   int
}

func newFreshness() *freshness {
	return &freshness{recent: make(map[barrier.Key]bool, freshRecent), ring: make([]barrier.Key, freshRecent)}
}

// try reports whether a read of the steps keys, which may be tried fresh
// if candidate, is to be tried at now, counting the try, and remembers
// keys.
func (f *freshness) try(keys []barrier.Key, candidate bool, now time.Time) bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	seen := false
	for _, k := range keys {
		seen = seen || f.recent[k]
		f.remember(k)
	}
	if paused, _ := f.judge.Paused(now); !candidate || seen || paused {
		return false
	}
	f.judge.Tried()
	return true
}

// remember adds k to the recent steps, forgetting the oldest when full.
func (f *freshness) remember(k barrier.Key) {
	if f.recent[k] {
		return
	}
	if old := f.ring[f.next]; old != (barrier.Key{}) {
		delete(f.recent, old)
	}
	f.ring[f.next] = k
	f.recent[k] = true
	f.next = (f.next + 1) % len(f.ring)
}

// hit tells that a fresh try committed.
func (f *freshness) hit() {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.judge.Hit()
}

// freshCandidates reports whether cmds may be first deliveries of actions
// nothing has happened to: all actions, distinct messages, distinct steps.
func freshCandidates[T Tx](cmds []routed[T]) bool {
	ids := make(map[string]bool, len(cmds))
	keys := make(map[barrier.Key]bool, len(cmds))
	for _, c := range cmds {
		if _, ok := c.step.(action[T]); !ok {
			return false
		}
		k := keyOf(c.cmd)
		if ids[c.cmd.MessageID] || keys[k] {
			return false
		}
		ids[c.cmd.MessageID], keys[k] = true, true
	}
	return len(cmds) > 0
}

// commandsTx runs the transaction of cmds and returns their results once
// committed: as fresh deliveries when they may be and freshness agrees.
// A fresh try that failed its check (saga.ErrConflict, from the service's
// first statement, which a function returns wrapped, or from the commit)
// runs again at once reading the inbox and barrier. Any other failure is
// the transaction's own, returned as it would have been without the try.
func (p *Participant[T]) commandsTx(ctx context.Context, cmds []routed[T]) ([]result, error) {
	if !p.fresh.try(stepKeys(cmds), freshCandidates(cmds), p.now()) {
		return p.runTx(ctx, cmds, false)
	}
	results, err := p.runTx(ctx, cmds, true)
	switch {
	case err == nil:
		p.fresh.hit()
		return results, nil
	case !errors.Is(err, saga.ErrConflict) || ctx.Err() != nil:
		return nil, err
	}
	p.cfg.Logger.WithError(err).WithField("commands", len(cmds)).
		Debug("fresh try rolled back; reading the inbox and barrier")
	return p.runTx(ctx, cmds, false)
}

// runTx runs handleAllTx over cmds in one transaction of the store.
func (p *Participant[T]) runTx(ctx context.Context, cmds []routed[T], fresh bool) ([]result, error) {
	var results []result
	err := p.store.InTx(ctx, func(ctx context.Context, tx T) error {
		var err error
		results, err = p.handleAllTx(ctx, tx, cmds, fresh)
		return err
	})
	if err != nil {
		return nil, err
	}
	return results, nil
}

// startFresh records cmds' messages and creates their barrier records on
// the condition that all are new, through tx if it is a freshStarter, and
// returns what markAndLock would have returned for them. A tx that is not
// one reads them as markAndLock does.
func startFresh[T Tx](ctx context.Context, tx T, consumer string, ids []string,
	keys []barrier.Key) (map[string]bool, map[barrier.Key]barrier.Record, error) {
	fs, ok := any(tx).(freshStarter)
	if !ok {
		return markAndLock(ctx, tx, consumer, ids, keys)
	}
	if err := fs.MarkFresh(ctx, consumer, ids); err != nil {
		return nil, nil, fmt.Errorf("recording new messages in inbox: %w", err)
	}
	if err := fs.CreateFresh(ctx, keys); err != nil {
		return nil, nil, fmt.Errorf("creating new barrier records: %w", err)
	}
	first := make(map[string]bool, len(ids))
	for _, id := range ids {
		first[id] = true
	}
	recs := make(map[barrier.Key]barrier.Record, len(keys))
	for _, k := range keys {
		recs[k] = barrier.Empty(k)
	}
	return first, recs, nil
}
