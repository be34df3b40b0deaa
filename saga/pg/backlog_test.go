package pg_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/saga/outbox"
	"github.com/streamsaga/streamsaga/saga/pg"
)

// Backlog stops counting past outbox.BacklogCountLimit.
func TestOutboxBacklogIsCapped(t *testing.T) {
	ctx, pool := testContext(t), connect(t)
	src := pg.NewOutboxSource(pool, testSchema)
	_, err := pool.Exec(ctx, `INSERT INTO outbox (message_id, stream, partition_key, message_type, payload)
		SELECT gen_random_uuid(), 's', 'k', 'T', '{}' FROM generate_series(1, $1::int)`, outbox.BacklogCountLimit+50)
	require.NoError(t, err)
	n, err := src.Backlog(ctx)
	require.NoError(t, err)
	require.Equal(t, int64(outbox.BacklogCountLimit+1), n)
}
