package runner

import (
	"context"
	"errors"
	"fmt"

	"github.com/streamsaga/streamsaga/saga"
	"github.com/streamsaga/streamsaga/saga/driver"
	"github.com/streamsaga/streamsaga/saga/transport"
)

// HandleReply is the transport.Handler of the reply stream.
func (r *Runner) HandleReply(ctx context.Context, msg transport.Message) error {
	env, _, err := decodeReply(msg)
	if err != nil {
		return err
	}
	return r.handleReply(ctx, env)
}

// HandleReplies is the transport.BatchHandler of the reply stream: the replies
// of one read in one transaction, each on its own if that fails.
func (r *Runner) HandleReplies(ctx context.Context, msgs []transport.Message) []error {
	return driver.Batch[saga.Envelope]{Store: r.cfg.Store, Decode: decodeReply,
		Apply: r.applyReplies, Alone: r.handleReply}.Handle(ctx, msgs)
}

func decodeReply(msg transport.Message) (saga.Envelope, bool, error) {
	env, err := saga.DecodeEnvelope(msg.Envelope())
	if err != nil {
		return env, false, err
	}
	if env.SagaID == "" {
		return env, false, saga.Permanent(fmt.Errorf("reply %s (%s) has no saga_id", env.MessageID, env.Type))
	}
	return env, false, nil
}

func (r *Runner) handleReply(ctx context.Context, env saga.Envelope) error {
	return r.withConflictRetry(ctx, env, func(ctx context.Context, tx driver.Tx) error {
		return r.applyReply(ctx, tx, env)
	})
}

// withConflictRetry runs fn in a transaction, again from the start while the
// saga's version check fails.
func (r *Runner) withConflictRetry(ctx context.Context, env saga.Envelope, fn func(context.Context, driver.Tx) error) error {
	var err error
	for attempt := 1; attempt <= r.cfg.MaxConflictRetries; attempt++ {
		err = r.cfg.Store.InTx(ctx, fn)
		if !errors.Is(err, saga.ErrConflict) {
			return err
		}
		r.logFor(env).WithField("attempt", attempt).Debug("saga changed concurrently; retrying")
	}
	return fmt.Errorf("giving up after %d version conflicts: %w", r.cfg.MaxConflictRetries, err)
}

// applyReply applies one reply: applyReplies with a read of one.
func (r *Runner) applyReply(ctx context.Context, tx driver.Tx, env saga.Envelope) error {
	return r.applyReplies(ctx, tx, []saga.Envelope{env})
}

func (r *Runner) logReply(env saga.Envelope, inst *saga.Instance, res saga.Result) {
	log := r.logFor(env).WithField("state", inst.State)
	if !res.Changed {
		log.Info("reply ignored: " + res.History[len(res.History)-1].Detail)
		return
	}
	if res.Finished {
		log.Info("saga finished")
		return
	}
	log.Debug("saga advanced")
}

// warnMisplaced warns of an ignored reply whose type belongs to the other
// phase of its step, a likely mistake of the participant that sent it.
func (r *Runner) warnMisplaced(def *saga.Definition, inst *saga.Instance, env saga.Envelope, res saga.Result) {
	if res.Changed {
		return
	}
	expected, misplaced := def.MisplacedReply(inst, env)
	if !misplaced {
		return
	}
	r.logFor(env).WithField("step", env.Step).Warnf("%s answers the other phase of step %s: it waits for %s "+
		"(to ask for a retry, send %s with error.retryable true); reply ignored", env.Type, env.Step, expected, expected)
}
