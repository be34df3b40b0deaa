package pg

import (
	"context"
	"fmt"

	"github.com/streamsaga/streamsaga/saga"
	"github.com/streamsaga/streamsaga/saga/barrier"
)

// LockBarriers returns the barrier records of keys, creating empty ones
// (barrier.ActionNone) where there are none, and keeps them locked until the
// transaction ends. A second transaction locking one of them waits for the
// first to end and then sees what it wrote. Rows are created and locked in
// (saga_id, step) order: two statements whatever the number of keys, in
// one round trip in a transaction InTx began on a pool.
func (m Messaging) LockBarriers(ctx context.Context, keys []barrier.Key) (map[barrier.Key]barrier.Record, error) {
	if len(keys) == 0 {
		return map[barrier.Key]barrier.Record{}, nil
	}
	sagaIDs, steps := splitKeys(keys)
	what := fmt.Sprintf("creating %d barrier records (first: saga %s step %s)", len(keys), keys[0].SagaID, keys[0].Step)
	if err := ExecLater(ctx, m.DB, what, sqlEnsureBarriers, sagaIDs, steps); err != nil {
		return nil, InterpretError(err)
	}
	recs, err := m.lockBarriers(ctx, sagaIDs, steps)
	if err != nil {
		return nil, fmt.Errorf("locking %d barrier records (first: saga %s step %s): %w",
			len(keys), keys[0].SagaID, keys[0].Step, InterpretError(err))
	}
	return recs, nil
}

func (m Messaging) lockBarriers(ctx context.Context, sagaIDs, steps []string) (map[barrier.Key]barrier.Record, error) {
	rows, err := m.DB.Query(ctx, sqlLockBarriers, sagaIDs, steps)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	recs := make(map[barrier.Key]barrier.Record, len(sagaIDs))
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
// statement; of two records with the same key the later wins. It returns an
// error wrapping saga.ErrNotFound when a record does not exist.
func (m Messaging) SaveBarriers(ctx context.Context, recs []barrier.Record) error {
	recs = barrier.LastPerKey(recs)
	if len(recs) == 0 {
		return nil
	}
	cols := barrierColumns(recs)
	tag, err := m.DB.Exec(ctx, sqlSaveBarriers, cols.sagaIDs, cols.steps, cols.actions,
		cols.compensated, cols.replyTypes, cols.replyData, cols.replyErrors)
	if err != nil {
		return fmt.Errorf("saving %d barrier records (first: saga %s step %s): %w",
			len(recs), recs[0].SagaID, recs[0].Step, InterpretError(err))
	}
	if n := tag.RowsAffected(); n != int64(len(recs)) {
		return fmt.Errorf("saving %d barrier records: %d exist: %w", len(recs), n, saga.ErrNotFound)
	}
	return nil
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
