package runner

import (
	"context"
	"fmt"

	"github.com/streamsaga/streamsaga/saga"
	"github.com/streamsaga/streamsaga/saga/driver"
	"github.com/streamsaga/streamsaga/saga/outbox"
)

// applyReplies applies the replies of one read with a handful of
// statements whatever their number: one inbox insert, one saga load (none
// when the runner holds every saga: see held), then the engine in memory,
// then one saga update (version-checked), one history insert and one
// outbox insert. Several replies for one saga are applied in order to the
// same instance, which is saved once.
func (r *Runner) applyReplies(ctx context.Context, tx driver.Tx, envs []saga.Envelope) error {
	fresh, insts, wasHeld, err := r.freshReplies(ctx, tx, envs)
	if err != nil || len(fresh) == 0 {
		return err
	}
	b := r.newBatch()
	for _, env := range fresh {
		if err := r.applyInMemory(env, insts[env.SagaID], b); err != nil {
			return err
		}
	}
	if wasHeld && len(b.ignored) > 0 {
		// A held saga that ignores a reply is not saved, so nothing would
		// check its version: the store's may have moved on, and would not
		// ignore it. Rolled back, the replies are applied on a load.
		return errIgnoredByHeld
	}
	if err := r.flush(ctx, tx, b); err != nil {
		return err
	}
	r.hold(ctx, b.changed)
	return nil
}

// errIgnoredByHeld rolls back replies applied to held sagas when one of
// them was ignored.
var errIgnoredByHeld = fmt.Errorf("a held saga ignored a reply; applying the replies on a fresh load: %w", saga.ErrConflict)

// hold keeps insts, saved in the transaction of ctx, for their next
// replies once it commits (onCommit: not at all in a transaction the
// runner does not track).
func (r *Runner) hold(ctx context.Context, insts []*saga.Instance) {
	if len(insts) > 0 {
		onCommit(ctx, func() { r.held.keep(insts, r.cfg.Now()) })
	}
}

// freshReplies records the replies in the inbox, keeps those seen for
// the first time, once each, and loads their sagas: in one round trip
// when the driver can (driver.ReplyLoader; it then loads the sagas of
// every reply, duplicates included).
//
// When the runner holds the sagas of every reply and tx is a
// driver.FreshMarker, it takes them (wasHeld) and records the replies on
// the condition that all are new, checked with the commit.
func (r *Runner) freshReplies(ctx context.Context, tx driver.Tx, envs []saga.Envelope) (
	fresh []saga.Envelope, insts map[string]*saga.Instance, wasHeld bool, err error) {
	if fm, ok := tx.(driver.FreshMarker); ok {
		out := distinctReplies(envs)
		if insts, ok := r.held.take(sagaIDs(out), r.cfg.Now()); ok {
			onCommit(ctx, r.held.hit)
			if err := fm.MarkFresh(ctx, r.cfg.Consumer, messageIDs(out)); err != nil {
				return nil, nil, true, err
			}
			return out, insts, true, nil
		}
	}
	out, insts, err := r.loadReplies(ctx, tx, envs)
	return out, insts, false, err
}

// loadReplies records the replies in the inbox and loads the sagas of
// those seen for the first time.
func (r *Runner) loadReplies(ctx context.Context, tx driver.Tx, envs []saga.Envelope) (
	[]saga.Envelope, map[string]*saga.Instance, error) {
	ids := messageIDs(envs)
	var first map[string]bool
	var insts map[string]*saga.Instance
	var err error
	if rl, ok := tx.(driver.ReplyLoader); ok {
		first, insts, err = rl.MarkProcessedAndLoadSagas(ctx, r.cfg.Consumer, ids, sagaIDs(envs))
	} else {
		first, err = tx.MarkProcessedMany(ctx, r.cfg.Consumer, ids)
	}
	if err != nil {
		return nil, nil, err
	}
	var out []saga.Envelope
	for _, env := range envs {
		if first[env.MessageID] {
			out = append(out, env)
			delete(first, env.MessageID)
		}
	}
	if insts == nil && len(out) > 0 {
		if insts, err = tx.LoadSagas(ctx, sagaIDs(out)); err != nil {
			return nil, nil, err
		}
	}
	return out, insts, nil
}

// distinctReplies is envs without a repeated message, in order.
func distinctReplies(envs []saga.Envelope) []saga.Envelope {
	seen := make(map[string]bool, len(envs))
	out := make([]saga.Envelope, 0, len(envs))
	for _, env := range envs {
		if !seen[env.MessageID] {
			seen[env.MessageID] = true
			out = append(out, env)
		}
	}
	return out
}

func messageIDs(envs []saga.Envelope) []string {
	ids := make([]string, len(envs))
	for i, env := range envs {
		ids[i] = env.MessageID
	}
	return ids
}

func sagaIDs(envs []saga.Envelope) []string {
	seen := map[string]bool{}
	var ids []string
	for _, env := range envs {
		if !seen[env.SagaID] {
			seen[env.SagaID] = true
			ids = append(ids, env.SagaID)
		}
	}
	return ids
}

// replyBatch gathers what a read changes, to be written at once.
type replyBatch struct {
	changed []*saga.Instance
	isSaved map[string]bool
	history map[string][]saga.HistoryEntry
	// ignored holds, per saga, where the lines of each ignored reply are
	// in history.
	ignored  map[string][]span
	messages []saga.Outgoing
	finished []*saga.Instance
	// obs gathers what the batch did for the runner's Metrics; nil without.
	obs *observed
}

// newBatch returns an empty batch, gathering for Metrics when there are.
func (r *Runner) newBatch() *replyBatch {
	b := &replyBatch{isSaved: map[string]bool{}, history: map[string][]saga.HistoryEntry{}, ignored: map[string][]span{}}
	if r.cfg.Metrics != nil {
		b.obs = &observed{}
	}
	return b
}

func (r *Runner) applyInMemory(env saga.Envelope, inst *saga.Instance, b *replyBatch) error {
	if inst == nil {
		r.logFor(env).Warn("reply for an unknown saga; ignored")
		return nil
	}
	def, err := r.definition(inst)
	if err != nil {
		return err
	}
	before, now := b.obs.snapshot(inst), r.now()
	res, err := r.engine.HandleReply(def, inst, env, now)
	if err != nil {
		return saga.Permanent(err)
	}
	r.logReply(env, inst, res)
	r.warnMisplaced(def, inst, env, res)
	b.add(inst, res, res.Changed)
	if !res.Changed {
		b.noteIgnored(inst, len(res.History))
	}
	b.obs.stepsEnded(def, inst, before, &env, res, now)
	return nil
}

// add gathers one engine result; save marks the instance for the update.
func (b *replyBatch) add(inst *saga.Instance, res saga.Result, save bool) {
	if save && !b.isSaved[inst.ID] {
		b.isSaved[inst.ID] = true
		b.changed = append(b.changed, inst)
	}
	b.history[inst.ID] = append(b.history[inst.ID], res.History...)
	b.messages = append(b.messages, res.Messages...)
	if res.Finished {
		b.finished = append(b.finished, inst)
	}
	b.obs.result(inst, res)
}

func (r *Runner) flush(ctx context.Context, tx driver.Tx, b *replyBatch) error {
	if err := tx.SaveSagas(ctx, b.changed); err != nil {
		return err
	}
	r.noteDeadlines(ctx, b.changed)
	if err := r.boundIgnored(ctx, tx, b); err != nil {
		return err
	}
	if err := tx.AppendHistories(ctx, b.history); err != nil {
		return err
	}
	msgs, err := outbox.FromOutgoing(b.messages)
	if err != nil {
		return err
	}
	if err := tx.AddMessages(ctx, msgs); err != nil {
		return err
	}
	if err := r.finish(ctx, tx, b.finished); err != nil {
		return err
	}
	r.report(ctx, b.obs)
	return nil
}

// report tells the runner's Metrics what obs gathered once the
// transaction of ctx commits.
func (r *Runner) report(ctx context.Context, obs *observed) {
	if obs.empty() {
		return
	}
	afterCommit(ctx, func() { obs.report(r.cfg.Metrics) })
}

// finish calls each saga type's finish function once with the finished
// sagas of that type, in the order they finished.
func (r *Runner) finish(ctx context.Context, tx driver.Tx, finished []*saga.Instance) error {
	byType := map[string][]*saga.Instance{}
	var types []string
	for _, inst := range finished {
		if r.onFinish[inst.Type] == nil {
			continue
		}
		if byType[inst.Type] == nil {
			types = append(types, inst.Type)
		}
		byType[inst.Type] = append(byType[inst.Type], inst)
	}
	for _, t := range types {
		if err := r.onFinish[t](ctx, tx, byType[t]); err != nil {
			return fmt.Errorf("finishing %d %s sagas: %w", len(byType[t]), t, err)
		}
	}
	return nil
}
