package sqlite_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/saga/outbox"
	"github.com/streamsaga/streamsaga/saga/sqlite"
	"github.com/streamsaga/streamsaga/saga/storetest"
)

func TestOutboxOldestAge(t *testing.T) {
	ctx, db := testContext(t), open(t)
	src := sqlite.NewOutboxSource(db)
	age, err := src.OldestAge(ctx)
	require.NoError(t, err)
	require.Zero(t, age, "an empty outbox has no oldest row")

	require.NoError(t, sqlite.InTx(ctx, db, func(tx *sqlite.Tx) error {
		return sqlite.NewMessaging(tx).AddMessages(ctx, []outbox.Message{storetest.NewMessage("a", 0), storetest.NewMessage("b", 0)})
	}))
	age, err = src.OldestAge(ctx)
	require.NoError(t, err)
	require.Less(t, age, 10*time.Second, "just written")

	ninety := (90 * time.Second).Microseconds()
	_, err = db.SQL.ExecContext(ctx, `UPDATE outbox SET created_at = created_at - ? WHERE id = (SELECT min(id) FROM outbox)`, ninety)
	require.NoError(t, err)
	age, err = src.OldestAge(ctx)
	require.NoError(t, err)
	require.InDelta(t, 90, age.Seconds(), 5, "the oldest row counts, not the newest")
}
