package pg_test

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/saga/outbox"
	"github.com/streamsaga/streamsaga/saga/pg"
	"github.com/streamsaga/streamsaga/saga/storetest"
)

// heldDispatcher keeps what it is given and publishes nothing, as a
// process that died right after its commit.
type heldDispatcher struct {
	lease time.Duration
	mu    sync.Mutex
	calls [][]outbox.Message
}

func (d *heldDispatcher) Dispatch(msgs []outbox.Message) {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.calls = append(d.calls, msgs)
}

func (d *heldDispatcher) Lease() time.Duration { return d.lease }

func (d *heldDispatcher) dispatched() [][]outbox.Message {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.calls
}

// outboxRow is a row as the relay sees it.
type outboxRow struct {
	id        int64
	messageID string
	leased    *time.Duration // lease_until - now(), nil without a lease
}

func outboxRows(ctx context.Context, t *testing.T, pool *pgxpool.Pool) []outboxRow {
	t.Helper()
	rows, err := pool.Query(ctx, `SELECT id, message_id::text,
	  (extract(epoch FROM lease_until - now()) * 1000000)::bigint FROM outbox ORDER BY id`)
	require.NoError(t, err)
	got, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (outboxRow, error) {
		var row outboxRow
		var micros *int64
		err := r.Scan(&row.id, &row.messageID, &micros)
		if micros != nil {
			d := time.Duration(*micros) * time.Microsecond
			row.leased = &d
		}
		return row, err
	})
	require.NoError(t, err)
	return got
}

// A transaction of a DB with a dispatcher writes its rows with the
// dispatcher's lease and hands the messages, with their row ids, over once
// it committed; one that rolls back hands nothing over. After undo, rows
// are the relay's again.
func TestCommittedMessagesGoToTheDispatcher(t *testing.T) {
	ctx, pool := testContext(t), connect(t)
	d, db := &heldDispatcher{lease: time.Minute}, pg.NewDB(pool, pg.DBConfig{})
	undo := db.PublishAfterCommit(d)
	h := harness{pool: pool, db: db}

	want := []outbox.Message{storetest.NewMessage("a", 0), storetest.NewMessage("b", 0), storetest.NewMessage("a", 1)}
	err := h.InTx(ctx, func(ctx context.Context, s storetest.Stores) error {
		if err := s.Outbox.AddMessages(ctx, want[:2]); err != nil {
			return err
		}
		require.Empty(t, d.dispatched(), "nothing before the commit")
		return s.Outbox.AddMessages(ctx, want[2:])
	})
	require.NoError(t, err)
	require.Len(t, d.dispatched(), 1, "one hand-over per transaction")
	got := d.dispatched()[0]
	storetest.RequireSame(t, want, got)
	rows := outboxRows(ctx, t, pool)
	require.Len(t, rows, 3)
	for i, row := range rows {
		require.Equal(t, row.id, got[i].ID)
		require.Equal(t, row.messageID, got[i].MessageID)
		require.NotNil(t, row.leased)
		require.InDelta(t, time.Minute.Seconds(), row.leased.Seconds(), 5)
	}

	err = h.InTx(ctx, func(ctx context.Context, s storetest.Stores) error {
		require.NoError(t, s.Outbox.AddMessages(ctx, []outbox.Message{storetest.NewMessage("c", 0)}))
		return errors.New("rolled back")
	})
	require.Error(t, err)
	require.Len(t, d.dispatched(), 1)

	undo()
	storetest.Add(ctx, t, h, storetest.NewMessage("d", 0))
	require.Len(t, d.dispatched(), 1)
	rows = outboxRows(ctx, t, pool)
	require.Len(t, rows, 4)
	require.Nil(t, rows[3].leased)
}

// The relay leaves a leased row alone until its lease passes, then
// publishes it: what a writer died before publishing still leaves. Rows
// without a lease are published meanwhile.
func TestRelayPublishesLeasedRowsOnceTheLeaseHasPassed(t *testing.T) {
	ctx, pool, rec := testContext(t), connect(t), storetest.NewRecorder()
	d := &heldDispatcher{lease: 1500 * time.Millisecond}
	leased := []outbox.Message{storetest.NewMessage("a", 0), storetest.NewMessage("a", 1)}
	written := time.Now() // the server starts the lease at the insert, after this
	addMessages(ctx, t, pg.NewDB(pool, pg.DBConfig{Dispatcher: d}), leased...)
	startRelay(t, pool, rec, outbox.RelayConfig{PollInterval: 100 * time.Millisecond})

	free := storetest.NewMessage("b", 0)
	addMessages(ctx, t, pool, free)
	storetest.RequireSame(t, []outbox.Message{free}, rec.WaitFor(t, 1, 5*time.Second))
	require.Less(t, time.Since(written), d.lease, "published while the lease held")

	got := rec.WaitFor(t, 3, 10*time.Second)
	require.GreaterOrEqual(t, time.Since(written), d.lease)
	storetest.RequireSame(t, leased, got[1:])
	storetest.WaitForBacklog(ctx, t, newSource(t, pool), 0, 5*time.Second)
}

// With a courier, a committed message reaches the transport without a
// relay, and its row is deleted.
func TestCourierPublishesRightAfterCommit(t *testing.T) {
	ctx, pool, rec := testContext(t), connect(t), storetest.NewRecorder()
	src := newSource(t, pool)
	c, err := outbox.NewCourier(rec, src, outbox.CourierConfig{Logger: storetest.QuietLogger()})
	require.NoError(t, err)
	require.NoError(t, c.Start(ctx))
	t.Cleanup(func() { require.NoError(t, c.Stop(context.Background())) })

	want := addPartitioned(ctx, t, pg.NewDB(pool, pg.DBConfig{Dispatcher: c}), 3, 4)
	storetest.RequireSame(t, want, rec.WaitFor(t, len(want), 5*time.Second))
	storetest.WaitForBacklog(ctx, t, src, 0, 5*time.Second)
}

// Remove deletes exactly the rows it is given.
func TestRemoveDeletesTheGivenRows(t *testing.T) {
	ctx, pool := testContext(t), connect(t)
	addPartitioned(ctx, t, pool, 2, 2)
	rows := outboxRows(ctx, t, pool)
	src := newSource(t, pool)
	require.NoError(t, src.Remove(ctx, []int64{rows[0].id, rows[2].id}))
	require.NoError(t, src.Remove(ctx, nil))
	left := outboxRows(ctx, t, pool)
	require.Equal(t, []int64{rows[1].id, rows[3].id}, []int64{left[0].id, left[1].id})
	require.Len(t, left, 2)
}

// Only rows without a lease wake the relay: a leased insert sends no
// notification.
func TestOnlyRowsWithoutALeaseNotify(t *testing.T) {
	ctx, pool := testContext(t), connect(t)
	conn, err := pool.Acquire(ctx)
	require.NoError(t, err)
	defer conn.Release()
	_, err = conn.Exec(ctx, "LISTEN "+testSchema+"_outbox")
	require.NoError(t, err)

	leasing := pg.NewDB(pool, pg.DBConfig{Dispatcher: &heldDispatcher{lease: time.Minute}})
	addMessages(ctx, t, leasing, storetest.NewMessage("a", 0))
	wctx, cancel := context.WithTimeout(ctx, 300*time.Millisecond)
	_, err = conn.Conn().WaitForNotification(wctx)
	cancel()
	require.ErrorIs(t, err, context.DeadlineExceeded, "a leased row notifies nobody")

	addMessages(ctx, t, pool, storetest.NewMessage("a", 1), storetest.NewMessage("a", 2))
	n, err := conn.Conn().WaitForNotification(ctx)
	require.NoError(t, err)
	require.Equal(t, testSchema+"_outbox", n.Channel)
}
