package pgdriver

import (
	"context"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/saga/driver"
	"github.com/streamsaga/streamsaga/saga/pg"
	"github.com/streamsaga/streamsaga/saga/testenv"
)

// movedDeadlines is sagas_due with no vacuum after 20,000 sagas each moved
// their deadline from the last hour to the next: the index keeps the
// entries of the old deadlines, all before now. One saga is due.
const movedDeadlines = `
ALTER TABLE sagas SET (autovacuum_enabled = off);
INSERT INTO sagas (id, type, state, data, steps, created_at, updated_at, next_deadline)
SELECT gen_random_uuid(), 'order', 'RUNNING', '{}', '[]', now(), now(), now() - interval '1 hour' + i * interval '100 milliseconds'
  FROM generate_series(1, 20000) AS i;
UPDATE sagas SET next_deadline = now() + interval '1 hour';
INSERT INTO sagas (id, type, state, data, steps, created_at, updated_at, next_deadline)
VALUES ('00000000-0000-4000-8000-000000000001', 'order', 'RUNNING', '{}', '[]', now(), now(), now() - interval '1 second');`

// The timer's claim reads sagas_due from its mark once it has one: a few
// pages, where a claim from the start reads every entry of a deadline
// that moved. Both claim the due saga.
func TestDueClaimFromTheMarkSkipsMovedDeadlines(t *testing.T) {
	ctx, cancel := context.WithTimeout(t.Context(), time.Minute)
	defer cancel()
	pool, err := pg.Connect(ctx, testenv.Database(t), Schema)
	require.NoError(t, err)
	defer pool.Close()
	_, err = pool.Exec(ctx, movedDeadlines)
	require.NoError(t, err)
	st := New(pool)
	t1 := time.Now()
	for _, now := range []time.Time{t1, t1.Add(pg.DefaultMarkLag)} {
		require.NoError(t, st.InTx(ctx, func(ctx context.Context, tx driver.Tx) error {
			ids, err := tx.ClaimDueSagas(ctx, now, 10)
			require.Equal(t, []string{"00000000-0000-4000-8000-000000000001"}, ids)
			return err
		}))
	}
	now := t1.Add(2 * pg.DefaultMarkLag)
	mark, pass := st.due.Start(now)
	require.Equal(t, pg.QuickPass, pass)
	require.True(t, mark.Before(t1), "the mark %s is the due saga's deadline", mark)

	fromStart := dueClaimBuffers(ctx, t, pool, now, time.Time{})
	fromMark := dueClaimBuffers(ctx, t, pool, now, mark)
	require.Less(t, fromMark*10, fromStart, "pages read from the mark (%d) and from the start (%d)", fromMark, fromStart)
}

// dueClaimBuffers is how many pages the timer's claim at now from from
// reads; it must claim the due saga.
func dueClaimBuffers(ctx context.Context, t *testing.T, pool *pgxpool.Pool, now, from time.Time) int64 {
	t.Helper()
	n, rows := testenv.PlanBuffersInTx(ctx, t, pool, "", qClaimDue, now, 64, from)
	require.EqualValues(t, 1, rows)
	t.Logf("the claim from %s read %d pages", from.Format(time.RFC3339), n)
	return n
}
