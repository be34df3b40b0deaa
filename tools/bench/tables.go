package main

import (
	"context"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5"
)

// Tables a sustained run watches: the hot tables, whose live rows it
// reads at every interval, and the two that grow most, whose size on disk
// (indexes and TOAST included) it reads too.
var (
	countedTables = []string{"orchestrator.sagas", "orchestrator.saga_history", "orchestrator.outbox",
		"orchestrator.inbox", "inventory.inbox", "inventory.barrier", "payment.inbox", "payment.barrier"}
	sizedTables = []string{"orchestrator.sagas", "orchestrator.saga_history"}
)

// tableSizes is the watched tables' rows and sizes at one moment, and
// whether autovacuum was on.
type tableSizes struct {
	Rows       map[string]int64 `json:"rows"`
	Bytes      map[string]int64 `json:"total_bytes"`
	Autovacuum string           `json:"autovacuum"`
}

// tablesQuery reads every figure of tableSizes in one statement: the
// live rows of countedTables, the sizes of sizedTables, then autovacuum.
// The rows are the server's statistics (n_live_tup: the inserts less the
// deletes committed, a few seconds late at most; after a VACUUM or an
// ANALYZE, its estimate): a count(*) of every table took the server
// seconds of CPU per interval once the tables held millions of rows, and
// slowed the run it measured.
func tablesQuery() string {
	cols := make([]string, 0, len(countedTables)+len(sizedTables)+1)
	for _, t := range countedTables {
		cols = append(cols, fmt.Sprintf("(SELECT coalesce(n_live_tup, 0) FROM pg_stat_user_tables WHERE relid = '%s'::regclass)", t))
	}
	for _, t := range sizedTables {
		cols = append(cols, fmt.Sprintf("pg_total_relation_size('%s')", t))
	}
	return "SELECT " + strings.Join(append(cols, "current_setting('autovacuum')"), ", ")
}

// readTables reads the watched tables' rows and sizes on conn, a
// connection to the run's database.
func readTables(ctx context.Context, conn *pgx.Conn) (tableSizes, error) {
	vals := make([]int64, len(countedTables)+len(sizedTables))
	dest := make([]any, 0, len(vals)+1)
	for i := range vals {
		dest = append(dest, &vals[i])
	}
	ts := tableSizes{Rows: map[string]int64{}, Bytes: map[string]int64{}}
	if err := conn.QueryRow(ctx, tablesQuery()).Scan(append(dest, &ts.Autovacuum)...); err != nil {
		return ts, fmt.Errorf("reading the rows of the hot tables: %w", err)
	}
	for i, t := range countedTables {
		ts.Rows[t] = vals[i]
	}
	for i, t := range sizedTables {
		ts.Bytes[t] = vals[len(countedTables)+i]
	}
	return ts, nil
}
