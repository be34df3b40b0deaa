package pg

import (
	"context"
	"fmt"

	"github.com/streamsaga/streamsaga/saga"
	"github.com/streamsaga/streamsaga/saga/barrier"
)

// LockBarrier returns the barrier record of (sagaID, step), creating an
// empty one (barrier.ActionNone) if there is none, and keeps it locked until
// the transaction ends. A second transaction locking the same step waits
// for the first to end and then sees what it wrote.
func (m Messaging) LockBarrier(ctx context.Context, sagaID, step string) (barrier.Record, error) {
	if _, err := m.DB.Exec(ctx, sqlEnsureBarrier, sagaID, step); err != nil {
		return barrier.Record{}, fmt.Errorf("creating barrier of saga %s step %s: %w", sagaID, step, err)
	}
	r := barrier.Record{SagaID: sagaID, Step: step}
	var action, data string
	err := m.DB.QueryRow(ctx, sqlLockBarrier, sagaID, step).
		Scan(&action, &r.Compensated, &r.ReplyType, &data, &r.ReplyError)
	if err != nil {
		return barrier.Record{}, fmt.Errorf("locking barrier of saga %s step %s: %w", sagaID, step, InterpretError(err))
	}
	r.Action = barrier.Action(action)
	if data != "" {
		r.ReplyData = []byte(data)
	}
	return r, nil
}

// SaveBarrier writes r over the record LockBarrier created. It returns an
// error wrapping saga.ErrNotFound when there is no such record.
func (m Messaging) SaveBarrier(ctx context.Context, r barrier.Record) error {
	tag, err := m.DB.Exec(ctx, sqlSaveBarrier, r.SagaID, r.Step, string(r.Action), r.Compensated,
		r.ReplyType, string(r.ReplyData), r.ReplyError)
	if err != nil {
		return fmt.Errorf("saving barrier of saga %s step %s: %w", r.SagaID, r.Step, err)
	}
	if tag.RowsAffected() == 0 {
		return fmt.Errorf("saving barrier of saga %s step %s: %w", r.SagaID, r.Step, saga.ErrNotFound)
	}
	return nil
}
