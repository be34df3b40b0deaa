package sdk

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/sirupsen/logrus"

	"github.com/streamsaga/streamsaga/saga"
	"github.com/streamsaga/streamsaga/saga/logging"
	"github.com/streamsaga/streamsaga/saga/transport"
)

// ErrUnknownCommand is wrapped (as a permanent error) when a command's type
// is not registered.
var ErrUnknownCommand = errors.New("unknown command type")

// ErrInvalidCommand is wrapped (as a permanent error) when a command lacks
// saga_id, step or reply_to.
var ErrInvalidCommand = errors.New("invalid command")

// ErrUnknownReplyStream is wrapped (as a permanent error) when a command's
// reply_to is not one of Config.ReplyStreams.
var ErrUnknownReplyStream = errors.New("unknown reply stream")

// Handle handles one stream entry; it is a transport.Handler. It returns nil
// once the command's reply (and its effect, if any) is committed, a
// permanent error for an entry that can never be handled, and any other
// error to have the entry redelivered.
func (p *Participant[T]) Handle(ctx context.Context, msg transport.Message) error {
	cmd, s, log, err := p.decode(msg)
	if err != nil {
		return err
	}
	res, err := p.handle(ctx, log, cmd, s)
	if err != nil {
		log.WithError(err).Warn("command failed")
		return fmt.Errorf("handling %s %s: %w", cmd.Type, cmd.MessageID, err)
	}
	res.log(log)
	return nil
}

// decode decodes and routes msg, logging and returning the permanent error
// of an entry that can never be handled.
func (p *Participant[T]) decode(msg transport.Message) (saga.Envelope, step[T], *logrus.Entry, error) {
	cmd, err := saga.DecodeEnvelope(msg.Envelope())
	if err != nil {
		p.cfg.Logger.WithError(err).WithField("entry_id", msg.ID).Warn("command rejected")
		return saga.Envelope{}, nil, nil, fmt.Errorf("decoding entry %s of %s: %w", msg.ID, msg.Stream, err)
	}
	log := logging.WithEnvelope(p.cfg.Logger, cmd)
	s, err := p.route(cmd)
	if err != nil {
		log.WithError(err).Warn("command rejected")
		return saga.Envelope{}, nil, nil, err
	}
	return cmd, s, log, nil
}

// handle runs the command's transaction and, when the service's function
// failed, the transaction that answers it with a retryable reply.
func (p *Participant[T]) handle(ctx context.Context, log *logrus.Entry, cmd saga.Envelope, s step[T]) (result, error) {
	var res result
	results, err := p.commandsTx(ctx, []routed[T]{{cmd: cmd, step: s}})
	if err == nil {
		res = results[0]
	}
	reason, ok := retryableFailure(ctx, err)
	if !ok {
		return res, err
	}
	log.WithError(err).Debug("command's function failed; answering with a retryable reply")
	res, err2 := p.inTx(ctx, func(ctx context.Context, tx T) (result, error) {
		return p.retryTx(ctx, tx, cmd, s, reason)
	})
	if err2 != nil {
		return result{}, fmt.Errorf("%w; then writing its retryable reply: %w", err, err2)
	}
	return res, nil
}

// inTx runs fn in a transaction of the store and returns its result once
// committed.
func (p *Participant[T]) inTx(ctx context.Context, fn func(ctx context.Context, tx T) (result, error)) (result, error) {
	var res result
	err := p.store.InTx(ctx, func(ctx context.Context, tx T) error {
		var err error
		res, err = fn(ctx, tx)
		return err
	})
	return res, err
}

// route finds the step for cmd and checks the fields a command needs.
func (p *Participant[T]) route(cmd saga.Envelope) (step[T], error) {
	s, ok := p.handlers[Command(cmd.Type)]
	switch {
	case !ok:
		return nil, saga.Permanent(fmt.Errorf("%w %q", ErrUnknownCommand, cmd.Type))
	case cmd.SagaID == "" || cmd.Step == "" || cmd.ReplyTo == "":
		return nil, saga.Permanent(fmt.Errorf("%w %s: saga_id, step and reply_to are required", ErrInvalidCommand, cmd.MessageID))
	case !slices.Contains(p.cfg.ReplyStreams, cmd.ReplyTo):
		return nil, saga.Permanent(fmt.Errorf("%w %q in command %s: one of %s",
			ErrUnknownReplyStream, cmd.ReplyTo, cmd.MessageID, strings.Join(p.cfg.ReplyStreams, ", ")))
	}
	return s, nil
}
