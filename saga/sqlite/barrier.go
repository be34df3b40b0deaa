package sqlite

import (
	"context"
	"fmt"

	"github.com/streamsaga/streamsaga/saga"
	"github.com/streamsaga/streamsaga/saga/barrier"
)

type barrierKey struct {
	SagaID string `json:"saga_id"`
	Step   string `json:"step"`
}

// LockBarriers returns the barrier records of keys, creating empty ones
// where there are none. The transaction holds the database's write lock
// from its start, so the records stay as read until it ends.
func (m Messaging) LockBarriers(ctx context.Context, keys []barrier.Key) (map[barrier.Key]barrier.Record, error) {
	recs := make(map[barrier.Key]barrier.Record, len(keys))
	if len(keys) == 0 {
		return recs, nil
	}
	arg, err := keysArg(keys)
	if err != nil {
		return nil, err
	}
	if _, err := m.tx.SQL.ExecContext(ctx, sqlEnsureBarriers, arg, Micros(m.now())); err != nil {
		return nil, fmt.Errorf("creating %d barrier records: %w", len(keys), err)
	}
	r, err := m.tx.SQL.QueryContext(ctx, sqlLockBarriers, arg)
	if err != nil {
		return nil, fmt.Errorf("reading %d barrier records: %w", len(keys), err)
	}
	defer r.Close()
	for r.Next() {
		var rec barrier.Record
		var action, data string
		if err := r.Scan(&rec.SagaID, &rec.Step, &action, &rec.Compensated, &rec.ReplyType, &data, &rec.ReplyError); err != nil {
			return nil, fmt.Errorf("reading barrier record: %w", err)
		}
		rec.Action = barrier.Action(action)
		if data != "" {
			rec.ReplyData = []byte(data)
		}
		recs[rec.Key()] = rec
	}
	if err := r.Err(); err != nil {
		return nil, fmt.Errorf("reading barrier records: %w", err)
	}
	return recs, nil
}

// CreateFresh creates the empty barrier records of keys (distinct) on the
// condition that none exists: otherwise it returns an error wrapping
// saga.ErrConflict, and the transaction, rolled back by that error, keeps
// nothing (barrier.FreshCreator).
func (m Messaging) CreateFresh(ctx context.Context, keys []barrier.Key) error {
	if len(keys) == 0 {
		return nil
	}
	arg, err := keysArg(keys)
	if err != nil {
		return err
	}
	res, err := m.tx.SQL.ExecContext(ctx, sqlEnsureBarriers, arg, Micros(m.now()))
	if err != nil {
		return fmt.Errorf("creating %d new barrier records: %w", len(keys), err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return fmt.Errorf("creating %d new barrier records: %w", len(keys), err)
	}
	if n != int64(len(keys)) {
		return fmt.Errorf("creating %d new barrier records: %d existed: %w", len(keys), int64(len(keys))-n, saga.ErrConflict)
	}
	return nil
}

// keysArg is keys as the JSON rows argument of the barrier statements.
func keysArg(keys []barrier.Key) (string, error) {
	in := make([]barrierKey, len(keys))
	for i, k := range keys {
		in[i] = barrierKey{k.SagaID, k.Step}
	}
	return rows(in)
}

// sqlEnsureBarriers creates the missing records, stamped with the time
// (?2), as PostgreSQL's default does, so the barrier retention counts a
// record's age from its creation even if it is never saved.
const sqlEnsureBarriers = `
INSERT INTO barrier (saga_id, step, updated_at)
SELECT j.value ->> 'saga_id', j.value ->> 'step', ?2 FROM json_each(?1) AS j WHERE true
ON CONFLICT DO NOTHING`

const sqlLockBarriers = `
SELECT saga_id, step, action, compensated, reply_type, reply_data, reply_error
FROM barrier
WHERE (saga_id, step) IN (SELECT j.value ->> 'saga_id', j.value ->> 'step' FROM json_each(?1) AS j)
ORDER BY saga_id, step`

type barrierRow struct {
	SagaID      string `json:"saga_id"`
	Step        string `json:"step"`
	Action      string `json:"action"`
	Compensated bool   `json:"compensated"`
	ReplyType   string `json:"reply_type"`
	ReplyData   string `json:"reply_data"`
	ReplyError  string `json:"reply_error"`
}

// SaveBarriers writes recs over the records LockBarriers created, in one
// statement; of two records with the same key the later wins. It returns an
// error wrapping saga.ErrNotFound when a record does not exist.
func (m Messaging) SaveBarriers(ctx context.Context, recs []barrier.Record) error {
	recs = barrier.LastPerKey(recs)
	if len(recs) == 0 {
		return nil
	}
	in := make([]barrierRow, len(recs))
	for i, r := range recs {
		in[i] = barrierRow{r.SagaID, r.Step, string(r.Action), r.Compensated, r.ReplyType, string(r.ReplyData), r.ReplyError}
	}
	arg, err := rows(in)
	if err != nil {
		return err
	}
	res, err := m.tx.SQL.ExecContext(ctx, sqlSaveBarriers, arg, Micros(m.now()))
	if err != nil {
		return fmt.Errorf("saving %d barrier records: %w", len(recs), err)
	}
	if n, err := res.RowsAffected(); err != nil || n != int64(len(recs)) {
		return fmt.Errorf("saving %d barrier records: %d exist: %w", len(recs), n, saga.ErrNotFound)
	}
	return nil
}

const sqlSaveBarriers = `
UPDATE barrier AS b
SET action = u.value ->> 'action', compensated = u.value ->> 'compensated',
    reply_type = u.value ->> 'reply_type', reply_data = u.value ->> 'reply_data',
    reply_error = u.value ->> 'reply_error', updated_at = ?2
FROM json_each(?1) AS u
WHERE b.saga_id = u.value ->> 'saga_id' AND b.step = u.value ->> 'step'`
