package main

import (
	"context"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/stretchr/testify/require"

	"github.com/streamsaga/streamsaga/saga/testenv"
)

func TestTablesQueryReadsEveryWatchedTable(t *testing.T) {
	q := tablesQuery()
	for _, tbl := range countedTables {
		require.Contains(t, q, "relid = '"+tbl+"'::regclass)")
	}
	for _, tbl := range sizedTables {
		require.Contains(t, q, "pg_total_relation_size('"+tbl+"')")
	}
	require.True(t, strings.HasSuffix(q, "current_setting('autovacuum')"))
}

func TestReadTablesCountsRowsOnTheSchema(t *testing.T) {
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, testenv.Database(t))
	require.NoError(t, err)
	defer conn.Close(ctx)
	_, err = conn.Exec(ctx, `INSERT INTO inventory.inbox (consumer, message_id) VALUES ('c', gen_random_uuid()), ('c', gen_random_uuid())`)
	require.NoError(t, err)
	// The statistics of a session reach the server once a second at most.
	_, err = conn.Exec(ctx, `SELECT pg_stat_force_next_flush()`)
	require.NoError(t, err)
	_, err = conn.Exec(ctx, `SELECT 1`)
	require.NoError(t, err)

	ts, err := readTables(ctx, conn)
	require.NoError(t, err)
	require.Len(t, ts.Rows, len(countedTables))
	require.Equal(t, int64(2), ts.Rows["inventory.inbox"])
	require.Zero(t, ts.Rows["orchestrator.sagas"])
	require.Len(t, ts.Bytes, len(sizedTables))
	require.Positive(t, ts.Bytes["orchestrator.sagas"], "its indexes take pages even when empty")
	require.Contains(t, []string{"on", "off"}, ts.Autovacuum)
}
