package pg

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/saga/testenv"
)

// drainedOutbox is the outbox between two bursts of a steady load: fifty
// thousand rows written, published and deleted, then vacuumed and
// analysed, as autovacuum leaves it (no live row, the indexes still
// large).
const drainedOutbox = `
INSERT INTO outbox (message_id, stream, partition_key, message_type, payload)
SELECT gen_random_uuid(), 's', gen_random_uuid()::text, 'T', repeat('x', 300)
  FROM generate_series(1, 50000);
DELETE FROM outbox;`

// The statements that delete or count outbox rows find them through the
// primary key, also on the statistics of a drained outbox, where a full
// scan of the partition index once looked as cheap to the planner and
// every delete walked it whole; the relay's blocker lookup keeps walking
// the partition index.
func TestOutboxStatementsKeepThePrimaryKeyOnADrainedQueue(t *testing.T) {
	ctx, cancel := context.WithTimeout(t.Context(), time.Minute)
	defer cancel()
	pool := filledPool(ctx, t, drainedOutbox)
	_, err := pool.Exec(ctx, "VACUUM ANALYZE outbox")
	require.NoError(t, err)

	for name, sql := range map[string]string{
		"delete":    sqlDeleteOutbox,
		"remove":    sqlRemoveOutbox,
		"published": sqlRemovePublished,
	} {
		plan := testenv.GenericPlan(ctx, t, pool, sql, 1)
		require.Contains(t, plan, "outbox_pkey", "%s:\n%s", name, plan)
		require.NotContains(t, plan, "outbox_partition", "%s:\n%s", name, plan)
	}
	plan := testenv.GenericPlan(ctx, t, pool, sqlOutboxBacklog, 2)
	require.NotContains(t, plan, "outbox_partition", plan)

	_, err = pool.Exec(ctx, `INSERT INTO outbox (message_id, stream, partition_key, message_type, payload)
SELECT gen_random_uuid(), 's', (i % 500)::text, 'T', 'x' FROM generate_series(1, 20000) AS i`)
	require.NoError(t, err)
	_, err = pool.Exec(ctx, "ANALYZE outbox")
	require.NoError(t, err)
	plan = testenv.GenericPlan(ctx, t, pool, sqlClaimOutbox, 2)
	require.Contains(t, plan, "using outbox_partition_ids on outbox e", plan)
	require.Contains(t, plan, "Index Cond: ((partition_key = c.partition_key) AND (id < c.id))", plan)
}
