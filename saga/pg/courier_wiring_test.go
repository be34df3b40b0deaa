package pg_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/saga/outbox"
	"github.com/streamsaga/streamsaga/saga/pg"
	"github.com/streamsaga/streamsaga/saga/storetest"
)

// A dispatcher given to one DB reaches no other user of its pool: another
// DB over the same pool, and InTx on the bare pool, still write rows for
// the relay and hand nothing over.
func TestADispatcherStaysWithItsDB(t *testing.T) {
	ctx, pool := testContext(t), connect(t)
	d := &heldDispatcher{lease: time.Minute}
	wired, plain := pg.NewDB(pool, pg.DBConfig{Dispatcher: d}), pg.NewDB(pool, pg.DBConfig{})

	addMessages(ctx, t, plain, storetest.NewMessage("a", 0))
	addMessages(ctx, t, pool, storetest.NewMessage("a", 1))
	require.Empty(t, d.dispatched())
	addMessages(ctx, t, wired, storetest.NewMessage("a", 2))
	require.Len(t, d.dispatched(), 1)

	rows := outboxRows(ctx, t, pool)
	require.Len(t, rows, 3)
	require.Nil(t, rows[0].leased, "a row of the plain DB is the relay's")
	require.Nil(t, rows[1].leased, "a row of the bare pool is the relay's")
	require.NotNil(t, rows[2].leased)
	require.Equal(t, rows[2].id, d.dispatched()[0][0].ID)
}

// Two DBs over one pool, each with its own dispatcher, each get only the
// messages of their own transactions.
func TestTwoDispatchersOnOnePoolGetTheirOwnMessages(t *testing.T) {
	ctx, pool := testContext(t), connect(t)
	d1, d2 := &heldDispatcher{lease: time.Minute}, &heldDispatcher{lease: time.Minute}
	db1, db2 := pg.NewDB(pool, pg.DBConfig{}), pg.NewDB(pool, pg.DBConfig{})
	defer db1.PublishAfterCommit(d1)()
	defer db2.PublishAfterCommit(d2)()

	m1, m2 := storetest.NewMessage("a", 0), storetest.NewMessage("b", 0)
	addMessages(ctx, t, db1, m1)
	addMessages(ctx, t, db2, m2)
	storetest.RequireSame(t, []outbox.Message{m1}, d1.dispatched()[0])
	storetest.RequireSame(t, []outbox.Message{m2}, d2.dispatched()[0])
	require.Len(t, d1.dispatched(), 1)
	require.Len(t, d2.dispatched(), 1)
}

// An undo only takes back the dispatcher it set: after a newer one was
// set, the DB keeps the newer one.
func TestAnOldUndoLeavesANewerDispatcher(t *testing.T) {
	ctx, pool := testContext(t), connect(t)
	old, newer := &heldDispatcher{lease: time.Minute}, &heldDispatcher{lease: time.Minute}
	db := pg.NewDB(pool, pg.DBConfig{})
	undoOld := db.PublishAfterCommit(old)
	defer db.PublishAfterCommit(newer)()
	undoOld()

	addMessages(ctx, t, db, storetest.NewMessage("a", 0))
	require.Empty(t, old.dispatched())
	require.Len(t, newer.dispatched(), 1)
}

// contextDispatcher records the contexts its messages came with.
type contextDispatcher struct {
	heldDispatcher
	carried [][]outbox.Message
}

func (d *contextDispatcher) DispatchContext(ctx context.Context, msgs []outbox.Message) {
	if outbox.CarrierFrom(ctx) == nil {
		d.Dispatch(msgs)
		return
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	d.carried = append(d.carried, msgs)
}

type nopCarrier struct{}

func (nopCarrier) Carry([]outbox.Message, func(error)) {}

// A transaction hands its committed messages, with their row ids, to
// DispatchContext with the context it committed under, so that a
// carrier on that context can take them.
func TestCommittedMessagesGoWithTheCommittingContext(t *testing.T) {
	ctx, pool := testContext(t), connect(t)
	d := &contextDispatcher{heldDispatcher: heldDispatcher{lease: time.Minute}}
	db := pg.NewDB(pool, pg.DBConfig{Dispatcher: d})

	addMessages(outbox.WithCarrier(ctx, nopCarrier{}), t, db, storetest.NewMessage("a", 0))
	addMessages(ctx, t, db, storetest.NewMessage("a", 1))
	require.Len(t, d.carried, 1)
	require.Len(t, d.dispatched(), 1)
	rows := outboxRows(ctx, t, pool)
	require.Len(t, rows, 2)
	require.Equal(t, rows[0].id, d.carried[0][0].ID)
	require.Equal(t, rows[1].id, d.dispatched()[0][0].ID)
}
