package pg_test

import (
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/saga/outbox"
	"github.com/streamsaga/streamsaga/saga/pg"
	"github.com/streamsaga/streamsaga/saga/storetest"
)

// removingDispatcher holds messages and hands over ids to delete, as a
// courier does (outbox.RemovalSource).
type removingDispatcher struct {
	heldDispatcher
	mu       sync.Mutex
	pending  []int64
	returned []int64
}

func (d *removingDispatcher) TakeRemovals() []int64 {
	d.mu.Lock()
	defer d.mu.Unlock()
	ids := d.pending
	d.pending = nil
	return ids
}

func (d *removingDispatcher) ReturnRemovals(ids []int64) {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.returned = append(d.returned, ids...)
}

func (d *removingDispatcher) published(ids ...int64) {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.pending = append(d.pending, ids...)
}

// A transaction that writes outbox rows deletes the rows its dispatcher
// published; one that does not commit gives their ids back; one that
// writes no outbox rows leaves them alone.
func TestWritingTransactionsDeletePublishedRows(t *testing.T) {
	ctx, pool := testContext(t), connect(t)
	d := &removingDispatcher{heldDispatcher: heldDispatcher{lease: time.Minute}}
	db := pg.NewDB(pool, pg.DBConfig{Dispatcher: d})
	addMessages(ctx, t, db, storetest.NewMessage("a", 0), storetest.NewMessage("a", 1))
	first := d.dispatched()[0]
	d.published(first[0].ID, first[1].ID)

	// A transaction without outbox rows keeps its commit cheap.
	require.NoError(t, pg.InTx(ctx, db, func(tx pgx.Tx) error {
		_, err := tx.Exec(ctx, "SELECT 1")
		return err
	}))
	require.Len(t, outboxRows(ctx, t, pool), 2)

	// One that fails gives the ids back and deletes nothing.
	boom := errors.New("boom")
	err := pg.InTx(ctx, db, func(tx pgx.Tx) error {
		if err := pg.NewMessaging(tx).AddMessages(ctx, []outbox.Message{storetest.NewMessage("b", 0)}); err != nil {
			return err
		}
		_, err := tx.Exec(ctx, "SELECT 1")
		require.NoError(t, err)
		return boom
	})
	require.ErrorIs(t, err, boom)
	require.Len(t, outboxRows(ctx, t, pool), 2)
	require.Empty(t, d.returned, "the rolled back transaction had not taken them yet")

	// A commit that fails gives them back.
	err = pg.InTx(ctx, db, func(tx pgx.Tx) error {
		if err := pg.NewMessaging(tx).AddMessages(ctx, []outbox.Message{storetest.NewMessage("b", 1)}); err != nil {
			return err
		}
		return pg.ExecLater(ctx, tx, "failing", "SELECT 1/0")
	})
	require.Error(t, err)
	require.ElementsMatch(t, []int64{first[0].ID, first[1].ID}, d.returned)
	require.Len(t, outboxRows(ctx, t, pool), 2)

	// The next writing transaction deletes them with its commit.
	d.returned = nil
	d.published(first[0].ID, first[1].ID)
	addMessages(ctx, t, db, storetest.NewMessage("c", 0))
	rows := outboxRows(ctx, t, pool)
	require.Len(t, rows, 1)
	require.Equal(t, d.dispatched()[1][0].ID, rows[0].id)
	require.Empty(t, d.returned)
}
