package pg

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/streamsaga/streamsaga/saga"
	"github.com/streamsaga/streamsaga/saga/barrier"
)

// LockBarriers returns the barrier records of keys, creating empty ones
// (barrier.ActionNone) where there are none, and keeps them locked until the
// transaction ends. A second transaction locking one of them waits for the
// first to end and then sees what it wrote. Records are created and locked
// in (saga_id, step) order, in one statement whatever the number of keys;
// a key given twice is locked once.
func (m Messaging) LockBarriers(ctx context.Context, keys []barrier.Key) (map[barrier.Key]barrier.Record, error) {
	if len(keys) == 0 {
		return map[barrier.Key]barrier.Record{}, nil
	}
	sagaIDs, steps := splitKeys(distinctKeys(keys))
	recs, err := m.lockBarriers(ctx, sagaIDs, steps)
	if err != nil {
		return nil, fmt.Errorf("locking %d barrier records (first: saga %s step %s): %w",
			len(keys), keys[0].SagaID, keys[0].Step, InterpretError(err))
	}
	return recs, nil
}

// CreateFresh creates the empty barrier records of keys (distinct),
// locked, on the condition that none exists: otherwise the statement fails
// with an error wrapping saga.ErrConflict and the transaction keeps
// nothing (barrier.FreshCreator). In a transaction InTx began, the insert
// travels with the transaction's next round trip and its failure comes
// from there.
func (m Messaging) CreateFresh(ctx context.Context, keys []barrier.Key) error {
	if len(keys) == 0 {
		return nil
	}
	sagaIDs, steps := splitKeys(keys)
	what := fmt.Sprintf("creating %d new barrier records (first: saga %s step %s)", len(keys), keys[0].SagaID, keys[0].Step)
	return ExecLaterMapErr(ctx, m.DB, what, sqlCreateFreshBarriers, freshBarrierError, sagaIDs, steps, int64(len(keys)))
}

// freshBarrierError maps CreateFresh's failed check (IsRowCountCheck) to
// saga.ErrConflict.
func freshBarrierError(err error) error {
	if IsRowCountCheck(err) {
		return fmt.Errorf("a record exists: %w", saga.ErrConflict)
	}
	return InterpretError(err)
}

// distinctKeys returns keys without repeats, in their first order.
func distinctKeys(keys []barrier.Key) []barrier.Key {
	seen := make(map[barrier.Key]bool, len(keys))
	out := make([]barrier.Key, 0, len(keys))
	for _, k := range keys {
		if !seen[k] {
			seen[k] = true
			out = append(out, k)
		}
	}
	return out
}

func (m Messaging) lockBarriers(ctx context.Context, sagaIDs, steps []string) (map[barrier.Key]barrier.Record, error) {
	rows, err := m.DB.Query(ctx, sqlLockBarriers, sagaIDs, steps)
	if err != nil {
		return nil, err
	}
	return scanBarriers(rows, len(sagaIDs))
}

// scanBarriers reads barrier records and closes rows.
func scanBarriers(rows pgx.Rows, n int) (map[barrier.Key]barrier.Record, error) {
	defer rows.Close()
	recs := make(map[barrier.Key]barrier.Record, n)
	for rows.Next() {
		var r barrier.Record
		var action, data string
		if err := rows.Scan(&r.SagaID, &r.Step, &action, &r.Compensated, &r.ReplyType, &data, &r.ReplyError); err != nil {
			return nil, err
		}
		r.Action = barrier.Action(action)
		if data != "" {
			r.ReplyData = []byte(data)
		}
		recs[r.Key()] = r
	}
	return recs, rows.Err()
}

// SaveBarriers writes recs over the records LockBarriers created, in one
// statement; of two records with the same key the later wins. When a
// record does not exist the save fails with an error wrapping
// saga.ErrNotFound, and nothing the transaction did is committed. In a
// transaction InTx began on a DB or a pool the statement travels with the
// next one or with the COMMIT (ExecLaterMapErr), and the error comes from
// that statement or from Commit; elsewhere SaveBarriers returns it.
func (m Messaging) SaveBarriers(ctx context.Context, recs []barrier.Record) error {
	recs = barrier.LastPerKey(recs)
	if len(recs) == 0 {
		return nil
	}
	cols := barrierColumns(recs)
	what := fmt.Sprintf("saving %d barrier records (first: saga %s step %s)", len(recs), recs[0].SagaID, recs[0].Step)
	return ExecLaterMapErr(ctx, m.DB, what, sqlSaveBarriers, barrierSaveError, cols.sagaIDs, cols.steps,
		cols.actions, cols.compensated, cols.replyTypes, cols.replyData, cols.replyErrors, int64(len(recs)))
}

// barrierSaveError maps the barrier save's errors: a missing record
// (IsRowCountCheck) is saga.ErrNotFound.
func barrierSaveError(err error) error {
	if IsRowCountCheck(err) {
		return fmt.Errorf("a record does not exist: %w", saga.ErrNotFound)
	}
	return InterpretError(err)
}

func splitKeys(keys []barrier.Key) (sagaIDs, steps []string) {
	sagaIDs, steps = make([]string, len(keys)), make([]string, len(keys))
	for i, k := range keys {
		sagaIDs[i], steps[i] = k.SagaID, k.Step
	}
	return sagaIDs, steps
}

type barrierCols struct {
	sagaIDs, steps, actions, replyTypes, replyData, replyErrors []string
	compensated                                                 []bool
}

func barrierColumns(recs []barrier.Record) barrierCols {
	c := barrierCols{compensated: make([]bool, len(recs))}
	for i, r := range recs {
		c.sagaIDs = append(c.sagaIDs, r.SagaID)
		c.steps = append(c.steps, r.Step)
		c.actions = append(c.actions, string(r.Action))
		c.compensated[i] = r.Compensated
		c.replyTypes = append(c.replyTypes, r.ReplyType)
		c.replyData = append(c.replyData, string(r.ReplyData))
		c.replyErrors = append(c.replyErrors, r.ReplyError)
	}
	return c
}

// MarkProcessedAndLockBarriers is MarkProcessedMany and LockBarriers in
// one round trip: it records ids in consumer's inbox, returning the ones
// that were new, and creates and locks the barrier records of keys.
func (m Messaging) MarkProcessedAndLockBarriers(ctx context.Context, consumer string, ids []string,
	keys []barrier.Key) (map[string]bool, map[barrier.Key]barrier.Record, error) {
	b := &pgx.Batch{}
	QueueMarkProcessed(b, consumer, ids)
	sagaIDs, steps := splitKeys(distinctKeys(keys))
	if len(keys) > 0 {
		b.Queue(sqlLockBarriers, sagaIDs, steps)
	}
	br := m.DB.SendBatch(ctx, b)
	defer br.Close()
	first, err := ReadProcessed(br)
	if err != nil {
		return nil, nil, fmt.Errorf("recording %d messages as processed by %s: %w", len(ids), consumer, err)
	}
	recs := map[barrier.Key]barrier.Record{}
	if len(keys) > 0 {
		if recs, err = readBarriers(br, len(sagaIDs)); err != nil {
			return nil, nil, fmt.Errorf("locking %d barrier records (first: saga %s step %s): %w",
				len(keys), keys[0].SagaID, keys[0].Step, InterpretError(err))
		}
	}
	return first, recs, br.Close()
}

func readBarriers(br pgx.BatchResults, n int) (map[barrier.Key]barrier.Record, error) {
	rows, err := br.Query()
	if err != nil {
		return nil, err
	}
	return scanBarriers(rows, n)
}
