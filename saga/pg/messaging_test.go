package pg_test

import (
	"context"
	"testing"

	"github.com/jackc/pgx/v5/pgconn"
	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/saga/outbox"
	"github.com/streamsaga/streamsaga/saga/pg"
	"github.com/streamsaga/streamsaga/saga/storetest"
)

func TestMessagingConformance(t *testing.T) {
	storetest.RunMessaging(t, newHarness)
}

func TestAddMessagesOneStatement(t *testing.T) {
	ctx, pool := testContext(t), connect(t)
	db := &countingDB{DBTX: pool}
	msgs := []outbox.Message{storetest.NewMessage("a", 0), storetest.NewMessage("a", 1), storetest.NewMessage("b", 0)}
	require.NoError(t, pg.NewMessaging(db).AddMessages(ctx, msgs))
	require.Equal(t, 1, db.execs, "one INSERT for the batch")
	require.NoError(t, pg.NewMessaging(db).AddMessages(ctx, nil))
	require.Equal(t, 1, db.execs, "nothing for an empty batch")
	n, err := pg.NewOutboxSource(pool, testSchema).Backlog(ctx)
	require.NoError(t, err)
	require.EqualValues(t, 3, n)
}

// countingDB counts the statements run through it.
type countingDB struct {
	pg.DBTX
	execs int
}

func (c *countingDB) Exec(ctx context.Context, sql string, args ...any) (pgconn.CommandTag, error) {
	c.execs++
	return c.DBTX.Exec(ctx, sql, args...)
}
