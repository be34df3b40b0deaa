package sdk

import (
	"context"
	"fmt"

	"github.com/streamsaga/streamsaga/saga"
	"github.com/streamsaga/streamsaga/saga/barrier"
	"github.com/streamsaga/streamsaga/saga/outbox"
)

// handleAllTx is the transaction of a read's commands, in stream order:
// one inbox insert, one barrier lock for all their steps, each command's
// function, one barrier save and one outbox insert for the replies. A
// duplicate gets its reply again from the barrier, and nothing runs. Two
// commands for one step see each other's effect, as they would one after
// the other. fresh takes every command for a first delivery with no
// barrier record, on a condition that fails the transaction otherwise
// (startFresh).
func (p *Participant[T]) handleAllTx(ctx context.Context, tx T, cmds []routed[T], fresh bool) ([]result, error) {
	start := markAndLock[T]
	if fresh {
		start = startFresh[T]
	}
	first, recs, err := start(ctx, tx, p.cfg.Name, commandIDs(cmds), stepKeys(cmds))
	if err != nil {
		return nil, err
	}
	w := &batchWrites[T]{p: p, tx: tx, recs: recs, saved: map[barrier.Key]bool{}}
	outcomes, err := w.runMany(ctx, cmds, first)
	if err != nil {
		return nil, err
	}
	results := make([]result, len(cmds))
	for i, c := range cmds {
		isFirst := first[c.cmd.MessageID]
		delete(first, c.cmd.MessageID)
		if results[i], err = w.answer(ctx, c, isFirst, outcomes[i]); err != nil {
			return nil, err
		}
	}
	return results, w.flush(ctx)
}

// markLocker is a transaction that records messages in its inbox and
// locks barrier records in one round trip (pg.Messaging is one).
type markLocker interface {
	MarkProcessedAndLockBarriers(ctx context.Context, consumer string, ids []string,
		keys []barrier.Key) (map[string]bool, map[barrier.Key]barrier.Record, error)
}

// markAndLock records ids in the inbox, returning the new ones, and locks
// the barrier records of keys: in one round trip where tx can.
func markAndLock[T Tx](ctx context.Context, tx T, consumer string, ids []string,
	keys []barrier.Key) (map[string]bool, map[barrier.Key]barrier.Record, error) {
	if ml, ok := any(tx).(markLocker); ok {
		first, recs, err := ml.MarkProcessedAndLockBarriers(ctx, consumer, ids, keys)
		if err != nil {
			return nil, nil, fmt.Errorf("recording messages in inbox and locking barriers: %w", err)
		}
		return first, recs, nil
	}
	first, err := tx.MarkProcessedMany(ctx, consumer, ids)
	if err != nil {
		return nil, nil, fmt.Errorf("recording messages in inbox: %w", err)
	}
	recs, err := tx.LockBarriers(ctx, keys)
	if err != nil {
		return nil, nil, fmt.Errorf("locking barriers: %w", err)
	}
	return first, recs, nil
}

// batchWrites gathers what a batch writes after its commands ran: the
// barrier records they changed and their replies.
type batchWrites[T Tx] struct {
	p       *Participant[T]
	tx      T
	recs    map[barrier.Key]barrier.Record
	saved   map[barrier.Key]bool
	changed []barrier.Key
	replies []outbox.Message
}

// answer runs c against its step's record (a duplicate only replays it),
// or records its outcome if its batch function ran it, keeps the record's
// new state for the commands after it and queues the reply.
func (w *batchWrites[T]) answer(ctx context.Context, c routed[T], isFirst bool, out *Outcome) (result, error) {
	key := barrier.Key{SagaID: c.cmd.SagaID, Step: c.cmd.Step}
	rec, ok := w.recs[key]
	if !ok {
		return result{}, fmt.Errorf("locking barriers: no record for saga %s step %s", key.SagaID, key.Step)
	}
	res := result{duplicate: !isFirst}
	if isFirst {
		ans, changed, err := w.run(ctx, c, &rec, out)
		if err != nil {
			return result{}, fmt.Errorf("handling %s %s: %w", c.cmd.Type, c.cmd.MessageID, err)
		}
		res.reply = ans
		if changed {
			w.keep(key, rec)
		}
	} else {
		res.reply = c.step.replay(c.cmd, rec)
	}
	if err := w.queueReply(c.cmd, res.reply); err != nil {
		return result{}, err
	}
	return res, nil
}

func (w *batchWrites[T]) keep(key barrier.Key, rec barrier.Record) {
	rec.SagaID, rec.Step = key.SagaID, key.Step
	if rec.Action == "" {
		rec.Action = barrier.ActionNone
	}
	w.recs[key] = rec
	if !w.saved[key] {
		w.saved[key] = true
		w.changed = append(w.changed, key)
	}
}

func (w *batchWrites[T]) queueReply(cmd saga.Envelope, ans answer) error {
	msg, err := w.p.replyMessage(cmd, ans)
	if err != nil {
		return err
	}
	w.replies = append(w.replies, msg)
	return nil
}

// flush saves the changed barrier records and writes the replies.
func (w *batchWrites[T]) flush(ctx context.Context) error {
	recs := make([]barrier.Record, len(w.changed))
	for i, k := range w.changed {
		recs[i] = w.recs[k]
	}
	if err := w.tx.SaveBarriers(ctx, recs); err != nil {
		return fmt.Errorf("saving barriers: %w", err)
	}
	if err := w.tx.AddMessages(ctx, w.replies); err != nil {
		return fmt.Errorf("writing replies to outbox: %w", err)
	}
	return nil
}

// duplicateTx answers a command already in the inbox with the reply the
// barrier holds for its step, under the same deterministic reply id, so a
// reply lost on the way is sent again and a receiver that has it drops it.
func (p *Participant[T]) duplicateTx(ctx context.Context, tx T, cmd saga.Envelope, s step[T]) (result, error) {
	rec, err := barrier.Lock(ctx, tx, barrier.Key{SagaID: cmd.SagaID, Step: cmd.Step})
	if err != nil {
		return result{}, fmt.Errorf("locking barrier: %w", err)
	}
	return p.reply(ctx, tx, cmd, result{duplicate: true, reply: s.replay(cmd, rec)})
}

// reply writes res's reply to the outbox and returns res.
func (p *Participant[T]) reply(ctx context.Context, tx T, cmd saga.Envelope, res result) (result, error) {
	msg, err := p.replyMessage(cmd, res.reply)
	if err != nil {
		return result{}, err
	}
	if err := tx.AddMessages(ctx, []outbox.Message{msg}); err != nil {
		return result{}, fmt.Errorf("writing reply to outbox: %w", err)
	}
	return res, nil
}

func commandIDs[T Tx](cmds []routed[T]) []string {
	ids := make([]string, len(cmds))
	for i, c := range cmds {
		ids[i] = c.cmd.MessageID
	}
	return ids
}

func stepKeys[T Tx](cmds []routed[T]) []barrier.Key {
	keys := make([]barrier.Key, len(cmds))
	for i, c := range cmds {
		keys[i] = barrier.Key{SagaID: c.cmd.SagaID, Step: c.cmd.Step}
	}
	return keys
}
