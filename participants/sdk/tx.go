package sdk

import (
	"context"
	"fmt"

	"github.com/streamsaga/streamsaga/saga"
	"github.com/streamsaga/streamsaga/saga/barrier"
)

// handleTx is the transaction of one command: inbox, barrier, effect, reply.
// A duplicate gets its reply again from the barrier, and nothing runs.
func (p *Participant[T]) handleTx(ctx context.Context, tx T, cmd saga.Envelope, s step[T]) (result, error) {
	first, err := tx.MarkProcessed(ctx, p.cfg.Name, cmd.MessageID)
	if err != nil {
		return result{}, fmt.Errorf("recording message in inbox: %w", err)
	}
	if !first {
		return p.duplicateTx(ctx, tx, cmd, s)
	}
	rec, err := lockBarrier(ctx, tx, cmd)
	if err != nil {
		return result{}, err
	}
	ans, changed, err := s.run(ctx, tx, cmd, &rec)
	if err != nil {
		return result{}, err
	}
	if err := p.saveBarrier(ctx, tx, cmd, rec, changed); err != nil {
		return result{}, err
	}
	return p.reply(ctx, tx, cmd, result{reply: ans})
}

// duplicateTx answers a command already in the inbox with the reply the
// barrier holds for its step, under the same deterministic reply id, so a
// reply lost on the way is sent again and a receiver that has it drops it.
func (p *Participant[T]) duplicateTx(ctx context.Context, tx T, cmd saga.Envelope, s step[T]) (result, error) {
	rec, err := lockBarrier(ctx, tx, cmd)
	if err != nil {
		return result{}, err
	}
	return p.reply(ctx, tx, cmd, result{duplicate: true, reply: s.replay(cmd, rec)})
}

func lockBarrier[T Tx](ctx context.Context, tx T, cmd saga.Envelope) (barrier.Record, error) {
	rec, err := tx.LockBarrier(ctx, cmd.SagaID, cmd.Step)
	if err != nil {
		return barrier.Record{}, fmt.Errorf("locking barrier: %w", err)
	}
	return rec, nil
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

// reply writes res's reply to the outbox and returns res.
func (p *Participant[T]) reply(ctx context.Context, tx T, cmd saga.Envelope, res result) (result, error) {
	if err := p.sendReply(ctx, tx, cmd, res.reply); err != nil {
		return result{}, err
	}
	return res, nil
}
