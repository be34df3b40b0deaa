package testenv

import (
	"context"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"
)

// Querier runs a query; *pgx.Conn, *pgxpool.Pool and pgx.Tx satisfy it.
type Querier interface {
	Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error)
}

// Plan returns the plan PostgreSQL makes on db for sql with its nargs
// parameters NULL. It is EXPLAIN without ANALYZE: the statement does not
// run.
func Plan(ctx context.Context, t testing.TB, db Querier, sql string, nargs int) string {
	t.Helper()
	rows, err := db.Query(ctx, "EXPLAIN "+sql, make([]any, nargs)...)
	if err != nil {
		t.Fatalf("explaining %s: %v", sql, err)
	}
	lines, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		t.Fatalf("reading the plan of %s: %v", sql, err)
	}
	return strings.Join(lines, "\n")
}

// GenericPlan returns the plan a connection of pool keeps for sql once
// prepared, whatever its nargs arguments: the pools of saga/pg plan each
// statement once (plan_cache_mode=force_generic_plan), so this is the plan
// every run of it uses until the table's statistics change.
func GenericPlan(ctx context.Context, t testing.TB, pool *pgxpool.Pool, sql string, nargs int) string {
	t.Helper()
	conn, err := pool.Acquire(ctx)
	if err != nil {
		t.Fatalf("acquiring a connection: %v", err)
	}
	defer conn.Release()
	return GenericPlanOn(ctx, t, conn, sql, nargs)
}

// Preparer runs statements and queries; *pgx.Conn, *pgxpool.Conn and
// pgx.Tx satisfy it.
type Preparer interface {
	Querier
	Exec(ctx context.Context, sql string, args ...any) (pgconn.CommandTag, error)
}

// GenericPlanOn is GenericPlan on db, a connection or a transaction of a
// pool of saga/pg: in a transaction, with the settings it made first.
func GenericPlanOn(ctx context.Context, t testing.TB, db Preparer, sql string, nargs int) string {
	t.Helper()
	if _, err := db.Exec(ctx, "PREPARE generic_plan AS "+sql); err != nil {
		t.Fatalf("preparing %s: %v", sql, err)
	}
	defer db.Exec(context.WithoutCancel(ctx), "DEALLOCATE generic_plan") //nolint:errcheck
	execute := "EXECUTE generic_plan"
	if nargs > 0 {
		execute += "(" + strings.TrimSuffix(strings.Repeat("NULL, ", nargs), ", ") + ")"
	}
	return Plan(ctx, t, db, execute, 0)
}

// RequireZippedArrays fails t unless the plan of each statement reads
// its array parameters in the select list (a ProjectSet node, one element of each
// array per row) rather than as functions in FROM (a Function Scan):
// PostgreSQL materialises each function in FROM into a tuplestore of its
// own, and with seven or more arrays the statement's memory crosses the
// C library's trim threshold, so every run grows and shrinks the server
// process's heap (brk and page faults on each statement).
func RequireZippedArrays(t testing.TB, db Querier, statements map[string]Statement) {
	t.Helper()
	for name, s := range statements {
		plan := Plan(t.Context(), t, db, s.SQL, s.Args)
		if strings.Contains(plan, "Function Scan") || !strings.Contains(plan, "ProjectSet") {
			t.Errorf("%s reads its arrays as functions in FROM:\n%s", name, plan)
		}
	}
}

// Statement is a SQL statement and its number of parameters.
type Statement struct {
	SQL  string
	Args int
}
