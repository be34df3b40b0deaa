package sdktest

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/participants/sdk"
	"github.com/streamsaga/streamsaga/saga"
	"github.com/streamsaga/streamsaga/saga/barrier"
	"github.com/streamsaga/streamsaga/saga/outbox"
)

// RunTx runs the messaging suite, its cases in parallel. newStore must return an empty store of
// its own for each call.
func RunTx[T sdk.Tx](t *testing.T, newStore func(t *testing.T) sdk.Store[T]) {
	run(t, "InboxRecognisesDuplicates", newStore, testInbox)
	run(t, "InboxRolledBackWithTx", newStore, testInboxRollback)
	run(t, "BarrierStartsEmpty", newStore, testBarrierEmpty)
	run(t, "BarrierSavesRecord", newStore, testBarrierSave)
	run(t, "OutboxAcceptsMessages", newStore, testOutbox)
}

func run[T sdk.Tx](t *testing.T, name string, newStore func(t *testing.T) sdk.Store[T], test func(*testing.T, sdk.Store[T])) {
	t.Run(name, func(t *testing.T) {
		t.Parallel()
		test(t, newStore(t))
	})
}

func markProcessed[T sdk.Tx](t *testing.T, s sdk.Store[T], consumer, id string) bool {
	return MustInTx(t, s, func(ctx context.Context, tx T) (bool, error) {
		return tx.MarkProcessed(ctx, consumer, id)
	})
}

func testInbox[T sdk.Tx](t *testing.T, s sdk.Store[T]) {
	id := saga.NewID()
	require.True(t, markProcessed(t, s, "c1", id), "first delivery")
	require.False(t, markProcessed(t, s, "c1", id), "second delivery is a duplicate")
	require.True(t, markProcessed(t, s, "c2", id), "another consumer has its own inbox")
}

func testInboxRollback[T sdk.Tx](t *testing.T, s sdk.Store[T]) {
	id := saga.NewID()
	var first bool
	RollBack(t, s, func(ctx context.Context, tx T) error {
		var err error
		first, err = tx.MarkProcessed(ctx, "c1", id)
		return err
	})
	require.True(t, first)
	require.True(t, markProcessed(t, s, "c1", id), "a rolled-back inbox row is forgotten")
}

func lockBarrier[T sdk.Tx](t *testing.T, s sdk.Store[T], sagaID, step string) barrier.Record {
	return MustInTx(t, s, func(ctx context.Context, tx T) (barrier.Record, error) {
		return barrier.Lock(ctx, tx, barrier.Key{SagaID: sagaID, Step: step})
	})
}

func testBarrierEmpty[T sdk.Tx](t *testing.T, s sdk.Store[T]) {
	rec := lockBarrier(t, s, saga.NewID(), "inventory")
	require.Equal(t, barrier.ActionNone, rec.Action)
	require.False(t, rec.Compensated)
	require.Empty(t, rec.ReplyType)
}

func testBarrierSave[T sdk.Tx](t *testing.T, s sdk.Store[T]) {
	want := barrier.Record{
		SagaID: saga.NewID(), Step: "inventory", Action: barrier.ActionFailed, Compensated: true,
		ReplyType: "Failed", ReplyData: []byte(`{"order_id":"o1"}`), ReplyError: "no stock",
	}
	Exec(t, s, func(ctx context.Context, tx T) error {
		if _, err := barrier.Lock(ctx, tx, want.Key()); err != nil {
			return err
		}
		return tx.SaveBarriers(ctx, []barrier.Record{want})
	})
	got := lockBarrier(t, s, want.SagaID, want.Step)
	require.Equal(t, want.Action, got.Action)
	require.Equal(t, want.Compensated, got.Compensated)
	require.Equal(t, want.ReplyType, got.ReplyType)
	require.JSONEq(t, string(want.ReplyData), string(got.ReplyData))
	require.Equal(t, want.ReplyError, got.ReplyError)
	other := lockBarrier(t, s, want.SagaID, "payment")
	require.Equal(t, barrier.ActionNone, other.Action, "steps have their own records")
}

func testOutbox[T sdk.Tx](t *testing.T, s sdk.Store[T]) {
	env := saga.Envelope{MessageID: saga.NewID(), Type: "Test", SagaID: saga.NewID(), Time: time.Now().UTC()}
	msg, err := outbox.FromEnvelope("test.stream", env)
	require.NoError(t, err)
	Exec(t, s, func(ctx context.Context, tx T) error {
		return tx.AddMessages(ctx, []outbox.Message{msg})
	})
}
