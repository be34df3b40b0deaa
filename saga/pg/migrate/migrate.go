package migrate

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"
)

// Beginner starts transactions; *pgxpool.Pool, *pgx.Conn and *pg.DB
// satisfy it.
type Beginner interface {
	Begin(ctx context.Context) (pgx.Tx, error)
}

// Migrate applies the migrations of set that schema has not recorded yet,
// each in its own transaction that also records it in
// schema.schema_migrations, and returns their versions in order (none when
// the schema is up to date). It creates the schema and the record table
// when they are missing. Every transaction holds an advisory lock on the
// schema, so concurrent calls apply each migration once; a call that
// waited finds it recorded. On a database made by schema.sql every
// migration is a no-op (its statements are IF NOT EXISTS or replace an
// object by the same one) and is recorded.
func Migrate(ctx context.Context, db Beginner, schema string, set Set) (applied []int, err error) {
	if schema == "" {
		return nil, errors.New("migrating: the schema is empty")
	}
	migrations, err := set.Migrations()
	if err != nil {
		return nil, err
	}
	s := schemaSQL(schema)
	if err := inTx(ctx, db, s, func(tx pgx.Tx) error { return s.bootstrap(ctx, tx) }); err != nil {
		return nil, fmt.Errorf("preparing schema %s for migrations: %w", schema, err)
	}
	for _, m := range migrations {
		var done bool
		err := inTx(ctx, db, s, func(tx pgx.Tx) (err error) {
			done, err = s.apply(ctx, tx, m)
			return err
		})
		if err != nil {
			return applied, fmt.Errorf("applying migration %04d_%s to schema %s: %w", m.Version, m.Name, schema, err)
		}
		if done {
			applied = append(applied, m.Version)
		}
	}
	return applied, nil
}

// Applied returns the versions schema has recorded, in order; none when it
// has no record table.
func Applied(ctx context.Context, db Beginner, schema string) ([]int, error) {
	var versions []int
	s := schemaSQL(schema)
	err := inTx(ctx, db, s, func(tx pgx.Tx) (err error) {
		versions, err = s.applied(ctx, tx)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("reading the migrations of schema %s: %w", schema, err)
	}
	return versions, nil
}

// inTx runs fn in a transaction holding the schema's migration lock, and
// commits it.
func inTx(ctx context.Context, db Beginner, s schemaSQL, fn func(pgx.Tx) error) error {
	tx, err := db.Begin(ctx)
	if err != nil {
		return fmt.Errorf("beginning transaction: %w", err)
	}
	defer func() { _ = tx.Rollback(context.WithoutCancel(ctx)) }()
	if err := s.lock(ctx, tx); err != nil {
		return err
	}
	if err := fn(tx); err != nil {
		return err
	}
	if err := tx.Commit(ctx); err != nil {
		return fmt.Errorf("committing: %w", err)
	}
	return nil
}

// Apply runs sql, an application's own idempotent statements (its tables
// next to the engine's), in one transaction with the search_path set to
// schema and the schema's migration lock held. It records nothing: sql
// runs on every call.
func Apply(ctx context.Context, db Beginner, schema, sql string) error {
	if schema == "" {
		return errors.New("applying SQL: the schema is empty")
	}
	s := schemaSQL(schema)
	err := inTx(ctx, db, s, func(tx pgx.Tx) error { return s.run(ctx, tx, sql) })
	if err != nil {
		return fmt.Errorf("applying SQL to schema %s: %w", schema, err)
	}
	return nil
}
