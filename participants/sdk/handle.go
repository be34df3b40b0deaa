package sdk

import (
	"context"
	"errors"
	"fmt"

	"github.com/streamsaga/streamsaga/saga"
	"github.com/streamsaga/streamsaga/saga/barrier"
	"github.com/streamsaga/streamsaga/saga/logging"
	"github.com/streamsaga/streamsaga/saga/stream"
)

// ErrUnknownCommand is wrapped (as a permanent error) when a command's type
// is not registered.
var ErrUnknownCommand = errors.New("unknown command type")

// ErrInvalidCommand is wrapped (as a permanent error) when a command lacks
// saga_id, step or reply_to.
var ErrInvalidCommand = errors.New("invalid command")

// Handle handles one stream entry; it is a stream.Handler. It returns nil
// once the command's effect and reply are committed (or it was a
// duplicate), a permanent error for an entry that can never be handled, and
// any other error to have the entry redelivered.
func (p *Participant[T]) Handle(ctx context.Context, msg stream.Message) error {
	cmd, err := saga.DecodeEnvelope(msg.Envelope())
	if err != nil {
		p.cfg.Logger.WithError(err).WithField("entry_id", msg.ID).Warn("command rejected")
		return fmt.Errorf("decoding entry %s of %s: %w", msg.ID, msg.Stream, err)
	}
	log := logging.WithEnvelope(p.cfg.Logger, cmd)
	run, err := p.route(cmd)
	if err != nil {
		log.WithError(err).Warn("command rejected")
		return err
	}
	var res result
	err = p.store.InTx(ctx, func(ctx context.Context, tx T) error {
		var err error
		res, err = p.handleTx(ctx, tx, cmd, run)
		return err
	})
	if err != nil {
		log.WithError(err).Warn("command failed")
		return fmt.Errorf("handling %s %s: %w", cmd.Type, cmd.MessageID, err)
	}
	res.log(log)
	return nil
}

// route finds the function for cmd and checks the fields a command needs.
func (p *Participant[T]) route(cmd saga.Envelope) (stepFunc[T], error) {
	run, ok := p.handlers[Command(cmd.Type)]
	switch {
	case !ok:
		return nil, saga.Permanent(fmt.Errorf("%w %q", ErrUnknownCommand, cmd.Type))
	case cmd.SagaID == "" || cmd.Step == "" || cmd.ReplyTo == "":
		return nil, saga.Permanent(fmt.Errorf("%w %s: saga_id, step and reply_to are required", ErrInvalidCommand, cmd.MessageID))
	}
	return run, nil
}

// handleTx is the transaction of one command: inbox, barrier, effect, reply.
func (p *Participant[T]) handleTx(ctx context.Context, tx T, cmd saga.Envelope, run stepFunc[T]) (result, error) {
	first, err := tx.MarkProcessed(ctx, p.cfg.Name, cmd.MessageID)
	if err != nil {
		return result{}, fmt.Errorf("recording message in inbox: %w", err)
	}
	if !first {
		return result{duplicate: true}, nil
	}
	rec, err := tx.LockBarrier(ctx, cmd.SagaID, cmd.Step)
	if err != nil {
		return result{}, fmt.Errorf("locking barrier: %w", err)
	}
	ans, changed, err := run(ctx, tx, cmd, &rec)
	if err != nil {
		return result{}, err
	}
	if err := p.saveBarrier(ctx, tx, cmd, rec, changed); err != nil {
		return result{}, err
	}
	return result{reply: ans}, p.sendReply(ctx, tx, cmd, ans)
}

func (p *Participant[T]) saveBarrier(ctx context.Context, tx T, cmd saga.Envelope, rec barrier.Record, changed bool) error {
	if !changed {
		return nil
	}
	rec.SagaID, rec.Step = cmd.SagaID, cmd.Step
	if rec.Action == "" {
		rec.Action = barrier.ActionNone
	}
	if err := tx.SaveBarrier(ctx, rec); err != nil {
		return fmt.Errorf("saving barrier: %w", err)
	}
	return nil
}
