package sdk_test

import (
	"context"

	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/participants/inventory"
	"github.com/streamsaga/streamsaga/saga"
	"github.com/streamsaga/streamsaga/saga/barrier"
)

// loseReplies empties the outbox, as if its replies had been published and
// then lost (Redis restarted without its data).
func (e *env) loseReplies() {
	_, err := e.db.ExecContext(e.ctx(), `DELETE FROM outbox`)
	require.NoError(e.t, err)
}

// inboxed reports whether the participant recorded messageID.
func (e *env) inboxed(messageID string) bool {
	var n int
	err := e.db.QueryRowContext(e.ctx(), `SELECT count(*) FROM inbox WHERE consumer = $1 AND message_id = $2`,
		inventory.Name, messageID).Scan(&n)
	require.NoError(e.t, err)
	return n == 1
}

// barrierOf returns the barrier record of the saga's inventory step.
func (e *env) barrierOf(sagaID string) barrier.Record {
	var rec barrier.Record
	err := e.store.InTx(e.ctx(), func(ctx context.Context, tx inventory.Tx) error {
		var err error
		rec, err = barrier.Lock(ctx, tx, barrier.Key{SagaID: sagaID, Step: "inventory"})
		return err
	})
	require.NoError(e.t, err)
	return rec
}

// requireSameReply asserts that again is first sent again: the same id,
// type, data, error and correlation (the attempt is the resent command's).
func (e *env) requireSameReply(first, again saga.Envelope) {
	e.t.Helper()
	require.Equal(e.t, first.MessageID, again.MessageID)
	require.Equal(e.t, first.Type, again.Type)
	require.Equal(e.t, string(first.Data), string(again.Data))
	require.Equal(e.t, first.Error, again.Error)
	require.Equal(e.t, []any{first.SagaID, first.Step, first.CausationID, first.CorrelationID},
		[]any{again.SagaID, again.Step, again.CausationID, again.CorrelationID})
}
