package testenv

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

// PlanBuffers runs sql with args on db under EXPLAIN (ANALYZE, BUFFERS)
// and returns the pages it read (shared buffers hit or read, counted at
// the plan's top node, which includes its children) and the rows it
// returned. The statement runs: give it a transaction rolled back after.
func PlanBuffers(ctx context.Context, t testing.TB, db Querier, sql string, args ...any) (pages, rows int64) {
	t.Helper()
	r, err := db.Query(ctx, "EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) "+sql, args...)
	if err != nil {
		t.Fatalf("explaining %s: %v", sql, err)
	}
	out, err := pgx.CollectExactlyOneRow(r, pgx.RowTo[string])
	if err != nil {
		t.Fatalf("reading the plan of %s: %v", sql, err)
	}
	var plans []struct {
		Plan struct {
			Rows int64 `json:"Actual Rows"`
			Hit  int64 `json:"Shared Hit Blocks"`
			Read int64 `json:"Shared Read Blocks"`
		}
	}
	if err := json.Unmarshal([]byte(out), &plans); err != nil || len(plans) != 1 {
		t.Fatalf("reading the plan of %s: %v (%d plans)", sql, err, len(plans))
	}
	p := plans[0].Plan
	return p.Hit + p.Read, p.Rows
}

// PlanBuffersInTx is PlanBuffers in a transaction of pool rolled back
// after, which first runs setup (a SET LOCAL, say) unless it is empty.
func PlanBuffersInTx(ctx context.Context, t testing.TB, pool *pgxpool.Pool, setup, sql string, args ...any) (pages, rows int64) {
	t.Helper()
	tx, err := pool.Begin(ctx)
	if err != nil {
		t.Fatalf("beginning a transaction: %v", err)
	}
	defer tx.Rollback(context.WithoutCancel(ctx)) //nolint:errcheck
	if setup != "" {
		if _, err := tx.Exec(ctx, setup); err != nil {
			t.Fatalf("running %s: %v", setup, err)
		}
	}
	return PlanBuffers(ctx, t, tx, sql, args...)
}
