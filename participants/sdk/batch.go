package sdk

import (
	"context"
	"fmt"

	"github.com/sirupsen/logrus"

	"github.com/streamsaga/streamsaga/saga"
	"github.com/streamsaga/streamsaga/saga/transport"
)

// routed is a decoded command of a batch with its step and its entry's
// index.
type routed[T Tx] struct {
	index int
	cmd   saga.Envelope
	step  step[T]
	log   *logrus.Entry
}

// HandleBatch handles the entries of one read; it is a transport.BatchHandler.
// Entries that cannot be decoded or routed get their permanent error without
// touching the store. The other commands are handled in stream order in one
// transaction with one inbox insert, one barrier lock, one barrier save and
// one reply insert for all of them, so a batch costs one commit and a few
// statements besides the services' own. Each gets the outcome Handle would
// give it. If anything in that transaction fails it is rolled back and
// every command is handled again on its own by Handle, whose outcome it gets.
func (p *Participant[T]) HandleBatch(ctx context.Context, msgs []transport.Message) []error {
	errs := make([]error, len(msgs))
	cmds := p.decodeBatch(msgs, errs)
	switch len(cmds) {
	case 0:
		return errs
	case 1:
		errs[cmds[0].index] = p.Handle(ctx, msgs[cmds[0].index])
		return errs
	}
	results, err := p.batchTx(ctx, cmds)
	if saga.IsUnavailable(err) {
		// The database is down: one by one would fail the same way, once
		// per command. The transport holds them all and tries again.
		for _, c := range cmds {
			errs[c.index] = err
		}
		return errs
	}
	if err != nil {
		p.cfg.Logger.WithError(err).WithField("commands", len(cmds)).
			Info("batch rolled back; handling its commands one by one")
		p.handleEach(ctx, msgs, cmds, errs)
		return errs
	}
	for i, c := range cmds {
		results[i].log(c.log)
	}
	return errs
}

// decodeBatch decodes and routes msgs, setting the errors of those that can
// never be handled in errs, and returns the others in order.
func (p *Participant[T]) decodeBatch(msgs []transport.Message, errs []error) []routed[T] {
	cmds := make([]routed[T], 0, len(msgs))
	for i, msg := range msgs {
		cmd, s, log, err := p.decode(msg)
		if err != nil {
			errs[i] = err
			continue
		}
		cmds = append(cmds, routed[T]{index: i, cmd: cmd, step: s, log: log})
	}
	return cmds
}

// batchTx runs the transaction of every command of cmds, in order, in one
// transaction of the store, and returns their results once committed.
func (p *Participant[T]) batchTx(ctx context.Context, cmds []routed[T]) ([]result, error) {
	results, err := p.commandsTx(ctx, cmds)
	if err != nil {
		return nil, fmt.Errorf("handling a batch of %d commands: %w", len(cmds), err)
	}
	return results, nil
}

// handleEach handles the entries of cmds one by one, after their batch was
// rolled back.
func (p *Participant[T]) handleEach(ctx context.Context, msgs []transport.Message, cmds []routed[T], errs []error) {
	for _, c := range cmds {
		errs[c.index] = p.Handle(ctx, msgs[c.index])
	}
}
