package pg_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/saga/outbox"
	"github.com/streamsaga/streamsaga/saga/pg"
	"github.com/streamsaga/streamsaga/saga/storetest"
)

func TestOutboxOldestAge(t *testing.T) {
	ctx, pool := testContext(t), connect(t)
	src := pg.NewOutboxSource(pool, testSchema)
	age, err := src.OldestAge(ctx)
	require.NoError(t, err)
	require.Zero(t, age, "an empty outbox has no oldest row")

	msgs := []outbox.Message{storetest.NewMessage("a", 0), storetest.NewMessage("b", 0)}
	require.NoError(t, pg.NewMessaging(pool).AddMessages(ctx, msgs))
	age, err = src.OldestAge(ctx)
	require.NoError(t, err)
	require.Less(t, age, 10*time.Second, "just written")

	_, err = pool.Exec(ctx, `UPDATE outbox SET created_at = now() - interval '90 seconds'
	                         WHERE id = (SELECT min(id) FROM outbox)`)
	require.NoError(t, err)
	age, err = src.OldestAge(ctx)
	require.NoError(t, err)
	require.InDelta(t, 90, age.Seconds(), 5, "the oldest row counts, not the newest")
}
