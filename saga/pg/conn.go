package pg

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/streamsaga/streamsaga/saga"
)

// Connect opens a pool to url whose connections use schema as their
// search_path, and checks that the server answers. The pool keeps
// pgxpool's bound (pool_max_conns in url, else the greater of 4 and the
// number of CPUs); a service with consumers sizes it with ConnectSized.
func Connect(ctx context.Context, url, schema string) (*pgxpool.Pool, error) {
	cfg, err := PoolConfig(url, schema)
	if err != nil {
		return nil, err
	}
	return connect(ctx, cfg)
}

// PoolConfig parses url, sets the search_path to schema, keeps the
// server's plans on indexes (see keyLookupPlans), sends uuids as text
// (see textUUIDCodec) and counts the
// connections' statements and round trips in iocount.
func PoolConfig(url, schema string) (*pgxpool.Config, error) {
	cfg, err := pgxpool.ParseConfig(url)
	if err != nil {
		return nil, fmt.Errorf("parsing DATABASE_URL: %w", err)
	}
	if schema != "" {
		cfg.ConnConfig.RuntimeParams["search_path"] = schema
	}
	keyLookupPlans(cfg)
	textUUIDs(cfg)
	cfg.ConnConfig.Tracer = countingTracer{}
	return cfg, nil
}

// lookupSettings are the planner settings of the pool's connections, each
// unless the URL names it.
var lookupSettings = map[string]string{
	"plan_cache_mode":  "force_generic_plan",
	"enable_seqscan":   "off",
	"enable_hashjoin":  "off",
	"enable_mergejoin": "off",
	"jit":              "off",
}

// keyLookupPlans has the server plan each prepared statement once, for any
// arguments, walking indexes. Every statement of the engine finds rows by
// key, most of them by joining arrays of keys (unnest) to tables that start
// empty and grow by thousands of rows a second. Planning a statement for
// its arguments on every run cost a sixth of the server's time at
// moderate load, and the server's own choice (plan_cache_mode=auto) keeps
// doing it for these joins, since their generic plan assumes a hundred
// keys. A generic plan made while a table was small would scan it whole,
// and go on doing so as the table grows, until an ANALYZE; with sequential
// scans, hash joins and merge joins turned off it walks the index whatever
// the table's size. A setting has only a cost effect: a statement with no
// other way still runs. Statements whose best plan depends on an argument
// are written as one statement per case (the saga listing). JIT
// compilation is off too: it is chosen by a plan's estimated cost, which
// for a generic plan with an unknown LIMIT is large, and it cost the
// relay's claim a hundred times its run time. A statement of your own
// that wants another plan can SET LOCAL these back.
func keyLookupPlans(cfg *pgxpool.Config) {
	for name, value := range lookupSettings {
		if _, set := cfg.ConnConfig.RuntimeParams[name]; !set {
			cfg.ConnConfig.RuntimeParams[name] = value
		}
	}
}

// Beginner starts transactions; *pgxpool.Pool and pgx.Tx satisfy it.
type Beginner interface {
	Begin(ctx context.Context) (pgx.Tx, error)
}

// InTx runs fn in a transaction and commits it. The transaction is rolled
// back when fn returns an error, panics or exits its goroutine (a failed
// test assertion), so the connection always goes back to the pool clean;
// Commit's error is returned. On a DB or a pool, BEGIN travels with the
// first statement and statements queued with ExecLater or ExecLaterMapErr
// with the next one or the COMMIT; once it committed, the outbox messages
// it wrote go to the DB's dispatcher, if it has one (PublishAfterCommit).
// A bare pool has none: its rows are the relay's.
func InTx(ctx context.Context, db Beginner, fn func(tx pgx.Tx) error) error {
	tx, err := begin(ctx, db)
	if err != nil {
		return classify(fmt.Errorf("beginning transaction: %w", err))
	}
	committed := false
	defer func() {
		if !committed {
			_ = tx.Rollback(context.WithoutCancel(ctx))
		}
	}()
	if err := fn(tx); err != nil {
		return classify(err)
	}
	committed = true
	if err := tx.Commit(ctx); err != nil {
		return classify(fmt.Errorf("committing transaction: %w", err))
	}
	if t, ok := tx.(*pipelinedTx); ok {
		t.dispatch(ctx)
	}
	return nil
}

// begin starts a pipelined transaction on a DB or a pool (BEGIN travels
// with the first statement), a plain one on anything else.
func begin(ctx context.Context, db Beginner) (pgx.Tx, error) {
	switch db := db.(type) {
	case *DB:
		return beginPipelined(ctx, db.pool, db.dispatcher())
	case *pgxpool.Pool:
		return beginPipelined(ctx, db, nil)
	}
	return db.Begin(ctx)
}

// ExecLater runs sql with db's next statement or its commit when db is a
// transaction InTx began on a DB or a pool, saving a round trip: for writes whose
// result nobody reads. Their error then fails that statement or the
// commit, wrapped with what. On anything else it runs sql at once. A write
// whose failure the caller tells apart goes with ExecLaterMapErr.
func ExecLater(ctx context.Context, db DBTX, what, sql string, args ...any) error {
	if t, ok := db.(*pipelinedTx); ok && !t.ended {
		t.later(laterStmt{what: what, sql: sql, args: args})
		return nil
	}
	if _, err := db.Exec(ctx, sql, args...); err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	return nil
}

// InterpretError maps driver errors to the engine's sentinels: no rows is
// saga.ErrNotFound; other errors are returned as they are.
func InterpretError(err error) error {
	if errors.Is(err, pgx.ErrNoRows) {
		return saga.ErrNotFound
	}
	return err
}

// IsUniqueViolation reports whether err is a unique constraint violation.
func IsUniqueViolation(err error) bool {
	var pgErr *pgconn.PgError
	return errors.As(err, &pgErr) && pgErr.Code == "23505"
}

// IsRowCountCheck reports whether err is a statement's own check of the
// rows it changed failing on the server: such statements divide by zero
// (division_by_zero, 22012) when too few rows changed, so that the failure
// stops what travelled with them (ExecLaterMapErr), COMMIT included.
func IsRowCountCheck(err error) bool {
	var pgErr *pgconn.PgError
	return errors.As(err, &pgErr) && pgErr.Code == "22012"
}

// CheckSchema fails with a clear message when table is missing from schema,
// that is when schema.sql has not been applied.
func CheckSchema(ctx context.Context, db interface {
	QueryRow(ctx context.Context, sql string, args ...any) pgx.Row
}, schema, table string) error {
	var found *string
	err := db.QueryRow(ctx, "SELECT to_regclass($1)::text", schema+"."+table).Scan(&found)
	if err != nil {
		return fmt.Errorf("checking the database schema: %w", err)
	}
	if found == nil {
		return fmt.Errorf("table %s.%s is missing: apply schema.sql first (psql \"$DATABASE_URL\" -f schema.sql)", schema, table)
	}
	return nil
}
